package dev.wren.it.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.wren.broker.metrics.Metric;
import dev.wren.it.kit.BrokerExtension;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The memory budget without a store to spill to ({@code persistence: none}): past it, QoS 1/2
 * PUBLISHes are refused with PUBACK/PUBREC 0x97 Quota exceeded (MQTT 5.0 3.4.2.1 and 3.5.2.1 list
 * 0x97 for both; [MQTT-3.4.2-1] [MQTT-3.5.2-1]: the sender uses one of those codes), counted and
 * logged; an MQTT 3.1.1 publisher, which has no negative acknowledgement, has its connection closed
 * without an acknowledgement, so it still holds the message and sends it again after reconnecting
 * [MQTT-4.4.0-1]. Once the queue drains the broker accepts again. Nothing accepted is lost.
 */
@Timeout(60)
class MemoryBudgetIT {
    private static final long BUDGET = 32 * 1024;

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(b -> b.memoryBudgetBytes(BUDGET).maxQueuedMessages(100_000));

    @Test
    void pastTheBudget_v5Gets0x97_v3IsClosedWithoutAck_acceptedAgainOnceDrained() throws Exception {
        Clients.Subscriber sub = broker.track(new Clients.Subscriber(broker.uri(), "offline-sub"));
        sub.connect();
        sub.subscribe("budget/#", 1);
        sub.disconnect();

        Mqtt5BlockingClient pub = Clients.hivePublisher(broker.port(), "pub5");
        broker.track(pub::disconnect);
        int accepted = 0;
        int rc = 0;
        while (accepted < 1000) {
            rc = Clients.publish(pub, "budget/t", Clients.payload(accepted + 1, 2048), MqttQos.AT_LEAST_ONCE);
            if (rc != 0) {
                break;
            }
            accepted++;
        }
        assertThat(rc).as("PUBACK reason code once the budget is used up").isEqualTo(0x97);
        // ~2 KiB each against 32 KiB: at least 8 fit; the gate reads usage that lags behind by the deliveries
        // still on their way to the subscriber's loop, so a fast publisher may get a few more in
        assertThat(accepted).isBetween(8, 500);
        assertThat(Clients.publish(pub, "budget/t", Clients.payload(9999, 10), MqttQos.EXACTLY_ONCE))
                .as("PUBREC reason code").isEqualTo(0x97);
        assertThat(broker.broker().metrics().get(Metric.PUBLISH_REFUSED_MEMORY_BUDGET)).isEqualTo(2);
        assertThat(broker.broker().metrics().get(Metric.MEMORY_BUDGET_USED)).isGreaterThan(BUDGET);
        // QoS 0 is not refused (nothing is acknowledged) and not queued for the offline session
        assertThat(Clients.publish(pub, "budget/t", Clients.payload(9998, 10), MqttQos.AT_MOST_ONCE)).isZero();

        // MQTT 3.1.1: no negative PUBACK; the connection is closed instead and the message is not acknowledged
        MqttClient v3 = new MqttClient(broker.uri(), "pub3", new MemoryPersistence());
        broker.track(v3::close);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        v3.connect(o);
        assertThatThrownBy(() -> v3.publish("budget/t", Clients.payload(5000, 10), 1, false))
                .isInstanceOf(MqttException.class);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !v3.isConnected());
        assertThat(broker.broker().metrics().get(Metric.PUBLISH_REFUSED_MEMORY_BUDGET)).isEqualTo(3);

        // the subscriber drains its queue: everything accepted arrives, in order, and the budget is free again
        sub.connect();
        assertThat(sub.take(accepted)).isEqualTo(Clients.oneTo(accepted));
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> broker.broker().metrics().get(Metric.MEMORY_BUDGET_USED) <= BUDGET);
        assertThat(Clients.publish(pub, "budget/t", Clients.payload(accepted + 1, 2048), MqttQos.AT_LEAST_ONCE))
                .isZero();
        assertThat(sub.take(1)).containsExactly(accepted + 1);

        // and the 3.1.1 publisher's retry is accepted
        v3.connect(o);
        v3.publish("budget/t", Clients.payload(5000, 10), 1, false);
        assertThat(sub.take(1)).containsExactly(5000);
        assertThat(sub.received.poll()).isNull();
    }
}
