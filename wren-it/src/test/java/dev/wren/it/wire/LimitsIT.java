package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.metrics.Metric;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Broker limits: connections, queues, in-flight window of 3.x clients. */
@Timeout(30)
class LimitsIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maxConnections(3).maxQueuedMessages(3).maxInflight(2));

    @Test
    @DisplayName("[3.2.2.2] maxConnections: a connection above the limit gets CONNACK 0x89 / return code 3 and a close")
    void maxConnections_refused() {
        broker.connected(MqttVersion.V5, "c1");
        broker.connected(MqttVersion.V5, "c2");
        broker.connected(MqttVersion.V5, "c3");
        RawClient v5 = broker.rawClient();
        v5.send(ConnectBuilder.v5("c4").build());
        byte[] frame = v5.readFrame();
        if (frame != null) { // refusing by closing at once is also acceptable
            assertThat(frame[0] & 0xFF).isEqualTo(0x20);
            assertThat(frame[3] & 0xFF).isIn(0x89, 0x9F, 0x97);
            v5.expectClosed();
        }
        assertThat(broker.broker().metrics().get(Metric.CONNECTIONS_REJECTED_LIMIT)).isPositive();
    }

    @Test
    @DisplayName("[4.9] 3.1.1: the broker's in-flight window (maxInflight 2) bounds unacknowledged QoS 1 deliveries")
    void v311_inflightWindow() {
        RawClient sub = broker.connected(MqttVersion.V3_1_1, "sub");
        sub.subscribe("win/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V3_1_1, "pub");
        for (int i = 0; i < 4; i++) { // pipelined: the broker may hold PUBACKs back while the subscriber lags
            pub.send(dev.wren.it.kit.Packets.publish("win/t", "m" + i, QoS.AT_LEAST_ONCE, i + 1));
        }
        Publish a = sub.expect(Publish.class);
        Publish b = sub.expect(Publish.class);
        sub.expectNothingFor(QUIET);
        sub.send(new PubAck(a.packetId()));
        sub.send(new PubAck(b.packetId()));
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("m2");
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("m3");
        for (int i = 1; i <= 4; i++) {
            int id = i;
            pub.await(PubAck.class, ack -> ack.packetId() == id);
        }
    }

    @Test
    @DisplayName("[issue: no silent loss] an offline queue over maxQueuedMessages drops messages and counts every drop")
    void offlineQueue_overflow_countedNotSilent() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("q").cleanStart(false).sessionExpiry(600).build());
        sub.subscribe("ql/t", QoS.AT_LEAST_ONCE);
        sub.disconnect();
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        for (int i = 0; i < 8; i++) {
            pub.publish("ql/t", "m" + i, QoS.AT_LEAST_ONCE);
        }
        pub.disconnect();
        RawClient back = broker.rawClient();
        ConnAck ack = back.connect(ConnectBuilder.v5("q").cleanStart(false).sessionExpiry(600).build());
        assertThat(ack.sessionPresent()).isTrue();
        int received = 0;
        while (back.hasDataWithin(QUIET)) {
            back.receive();
            received++;
        }
        assertThat(received).as("delivered from a queue of 3").isEqualTo(3);
        assertThat(broker.broker().metrics().get(Metric.DROPPED_QUEUE_FULL)).isEqualTo(8 - received);
    }

    @Test
    @DisplayName("[issue: slow consumer] a client that stops reading does not stall the publisher or other subscribers")
    void slowConsumer_doesNotStallOthers() throws Exception {
        RawClient slow = broker.connected(MqttVersion.V5, "slow"); // never reads from here on
        slow.subscribe("slow/t", QoS.AT_MOST_ONCE);
        RawClient fast = broker.connected(MqttVersion.V5, "fast");
        fast.subscribe("slow/t", QoS.AT_MOST_ONCE);
        RawClient pub = broker.rawClient();
        pub.connect(ConnectBuilder.v5("pub").build());
        String payload = "x".repeat(4096);
        int n = 3000; // ~12 MB: far more than socket buffers plus the broker's high water mark
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            pub.send(dev.wren.it.kit.Packets.publish("slow/t", payload, QoS.AT_MOST_ONCE, 0));
            if (i % 100 == 0) {
                for (int k = 0; k < 100 && fast.hasData(); k++) {
                    fast.read();
                }
            }
        }
        while (fast.hasDataWithin(QUIET)) {
            fast.read();
        }
        pub.send(dev.wren.codec.packet.PingReq.INSTANCE);
        pub.expect(dev.wren.codec.packet.PingResp.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("publisher not stalled").isLessThan(Duration.ofSeconds(20));
        long dropped = broker.broker().metrics().get(Metric.DROPPED_QOS0_SLOW_CONSUMER)
                + broker.broker().metrics().get(Metric.SLOW_CONSUMER_DISCONNECTS);
        assertThat(dropped).as("the slow consumer's excess is dropped and counted").isPositive();
    }
}
