package dev.wren.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.it.kit.BrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Interoperability with Eclipse Paho Java MQTT 3.1.1 ({@code org.eclipse.paho.client.mqttv3} 1.2.5). */
@Timeout(60)
class PahoV3IT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    /** A received message with its topic. */
    record Received(String topic, MqttMessage message) {
        String text() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    /** A Paho callback that queues every message. */
    static final class Inbox implements MqttCallback {
        final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();

        @Override
        public void connectionLost(Throwable cause) {}

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            queue.add(new Received(topic, message));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}

        Received take() throws InterruptedException {
            Received r = queue.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("message within 10 s").isNotNull();
            return r;
        }

        void expectNothing(Duration d) throws InterruptedException {
            assertThat(queue.poll(d.toMillis(), TimeUnit.MILLISECONDS)).isNull();
        }
    }

    private MqttClient client(String id) throws MqttException {
        return broker.track(new MqttClient(broker.uri(), id, new MemoryPersistence()) {
            @Override
            public void close() throws MqttException {
                if (isConnected()) {
                    disconnectForcibly(0, 1000, false);
                }
                super.close();
            }
        });
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(clean);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setConnectionTimeout(10);
        o.setAutomaticReconnect(false);
        return o;
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    @DisplayName("[interop] Paho v3 publish/subscribe round trip at QoS 0, 1, 2")
    void roundTrip(int qos) throws Exception {
        MqttClient sub = client("paho-sub");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true));
        sub.subscribe("paho3/rt", qos);
        MqttClient pub = client("paho-pub");
        pub.connect(options(true));
        pub.publish("paho3/rt", "hello".getBytes(StandardCharsets.UTF_8), qos, false);
        Received r = inbox.take();
        assertThat(r.topic()).isEqualTo("paho3/rt");
        assertThat(r.text()).isEqualTo("hello");
        assertThat(r.message().getQos()).isEqualTo(qos);
        pub.disconnect();
        sub.disconnect();
    }

    @Test
    @DisplayName("[interop] Paho v3: retained message delivered to a later subscriber with the retained flag")
    void retained() throws Exception {
        MqttClient pub = client("paho-pub");
        pub.connect(options(true));
        pub.publish("paho3/ret", "kept".getBytes(StandardCharsets.UTF_8), 1, true);
        MqttClient sub = client("paho-sub");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true));
        sub.subscribe("paho3/#", 1);
        Received r = inbox.take();
        assertThat(r.text()).isEqualTo("kept");
        assertThat(r.message().isRetained()).isTrue();
    }

    @Test
    @DisplayName("[interop] Paho v3: will published when the client drops without DISCONNECT")
    void will() throws Exception {
        MqttClient watcher = client("paho-watch");
        Inbox inbox = new Inbox();
        watcher.setCallback(inbox);
        watcher.connect(options(true));
        watcher.subscribe("paho3/will", 1);
        MqttClient dying = client("paho-dying");
        MqttConnectOptions o = options(true);
        o.setWill("paho3/will", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
        dying.connect(o);
        dying.disconnectForcibly(0, 1000, false); // close the socket, no DISCONNECT packet
        assertThat(inbox.take().text()).isEqualTo("gone");
    }

    @Test
    @DisplayName("[interop] Paho v3: persistent session (clean=false) receives QoS 1 messages published while offline")
    void persistentSession() throws Exception {
        MqttClient sub = client("paho-persist");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(false));
        sub.subscribe("paho3/offline", 1);
        sub.disconnect();
        MqttClient pub = client("paho-pub");
        pub.connect(options(true));
        for (int i = 0; i < 3; i++) {
            pub.publish("paho3/offline", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        sub.connect(options(false));
        assertThat(List.of(inbox.take().text(), inbox.take().text(), inbox.take().text()))
                .containsExactly("m0", "m1", "m2");
    }

    @Test
    @DisplayName("[interop] Paho v3: 300 QoS 2 messages arrive exactly once and in order")
    void manyQos2_noLossNoDuplicates() throws Exception {
        MqttClient sub = client("paho-sub");
        Inbox inbox = new Inbox();
        sub.setCallback(inbox);
        sub.connect(options(true));
        sub.subscribe("paho3/many", 2);
        MqttAsyncClient pub = broker.track(new MqttAsyncClient(broker.uri(), "paho-async", new MemoryPersistence()) {
            @Override
            public void close() throws MqttException {
                if (isConnected()) {
                    disconnectForcibly(0, 1000, false);
                }
                super.close();
            }
        });
        MqttConnectOptions o = options(true);
        o.setMaxInflight(50);
        pub.connect(o).waitForCompletion(10_000);
        int n = 300;
        for (int i = 0; i < n; i++) {
            pub.publish("paho3/many", String.valueOf(i).getBytes(StandardCharsets.UTF_8), 2, false).waitForCompletion(10_000);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String t = inbox.take().text();
            assertThat(t).isEqualTo(String.valueOf(i));
            assertThat(seen.add(t)).isTrue();
        }
        inbox.expectNothing(Duration.ofMillis(300));
    }
}
