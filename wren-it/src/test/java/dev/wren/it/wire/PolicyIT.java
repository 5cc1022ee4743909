package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.metrics.Metric;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limits and overflow policies documented in docs/broker.md, observed from outside. */
@Timeout(60)
class PolicyIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maxQueuedMessages(5).maxTopicLevels(3).maxTopicLength(32)
            .backPressureHighWater(0) /* off here, so that the queue limits themselves are observable */
            .writeBufferLowWaterMark(8 * 1024).writeBufferHighWaterMark(16 * 1024));

    @Test
    @DisplayName("[docs/broker.md slow consumers] a QoS 1 subscriber that stops reading is disconnected with 0x97 once its queue overflows, and counted")
    void slowConsumer_qos1_disconnected0x97() {
        RawClient slow = broker.track(RawClient.open(broker.port(), 4096));
        slow.connect(ConnectBuilder.v5("slow").build());
        slow.subscribe("sc/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        String payload = "p".repeat(32 * 1024);
        for (int i = 0; i < 200; i++) { // 6.4 MB at QoS 1, never read by "slow"
            pub.publish("sc/t", payload, QoS.AT_LEAST_ONCE);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> broker.broker().metrics().get(Metric.SLOW_CONSUMER_DISCONNECTS) == 1);
        Disconnect d = null;
        while (d == null) { // what was written before the DISCONNECT is still in the socket
            MqttPacket p = slow.read();
            if (p instanceof Disconnect disconnect) {
                d = disconnect;
            } else {
                assertThat(p).isInstanceOf(Publish.class);
            }
        }
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
        slow.expectClosed();
    }

    @Test
    @DisplayName("[docs/broker.md queue limits] a client that reads but cannot keep up (window and queue full) loses the newest messages, counted, and stays connected")
    void windowAndQueueFull_drainingClient_newestDroppedAndCounted() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("sub").receiveMaximum(2).build());
        sub.subscribe("wq/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        for (int i = 0; i < 10; i++) { // 2 in flight + 5 queued; 3 dropped (lead's decision, TEAM-NOTES 20:22)
            pub.publish("wq/t", "m" + i, QoS.AT_LEAST_ONCE);
        }
        Publish first = sub.expect(Publish.class);
        Publish second = sub.expect(Publish.class);
        sub.expectNothingFor(QUIET);
        assertThat(broker.broker().metrics().get(Metric.DROPPED_QUEUE_FULL)).isEqualTo(3);
        sub.send(new PubAck(first.packetId()));
        sub.send(new PubAck(second.packetId()));
        for (int i = 2; i < 7; i++) {
            assertThat(sub.receive().payload().toUtf8String()).isEqualTo("m" + i);
        }
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[docs/broker.md limits] v5: a filter with more levels than maxTopicLevels gets SUBACK 0x8F")
    void tooManyLevels_subscribe_0x8F() {
        RawClient c = broker.connected(MqttVersion.V5, "c");
        SubAck ack = c.subscribe(Packets.subscribe(1, Packets.sub("a/b/c", QoS.AT_MOST_ONCE), Packets.sub("a/b/c/d", QoS.AT_MOST_ONCE)));
        assertThat(ack.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0, ReasonCode.TOPIC_FILTER_INVALID);
    }

    @Test
    @DisplayName("[docs/broker.md limits] v5: a topic name with more levels than maxTopicLevels is refused with 0x90")
    void tooManyLevels_publish_0x90() {
        RawClient c = broker.connected(MqttVersion.V5, "c");
        c.send(Packets.publish("a/b/c/d", "x", QoS.AT_LEAST_ONCE, 1));
        MqttPacket answer = c.read();
        if (answer instanceof PubAck ack) {
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
        } else {
            assertThat(answer).isInstanceOfSatisfying(Disconnect.class,
                    d -> assertThat(d.reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID));
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24][MQTT-3.1.4-5] v5: with a tiny client Maximum Packet Size the server sends a CONNACK that fits, or closes")
    void connack_fitsClientMaximumPacketSize() {
        RawClient c = broker.rawClient();
        c.send(ConnectBuilder.v5("c").maximumPacketSize(16).build());
        byte[] frame = c.readFrame(); // null: closed, acceptable when the essential properties cannot fit
        if (frame != null) {
            assertThat(frame[0] & 0xFF).isEqualTo(0x20);
            assertThat(frame.length).as("CONNACK size").isLessThanOrEqualTo(16);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24][MQTT-3.2.2-16] v5: an Assigned Client Identifier that cannot fit the client's Maximum Packet Size: a CONNACK that fits, or a close - not silence")
    void connack_assignedIdTooLargeForClient_fitsOrCloses() {
        RawClient c = broker.rawClient();
        c.send(ConnectBuilder.v5("").maximumPacketSize(16).build());
        byte[] frame = c.readFrame();
        if (frame != null) {
            assertThat(frame[0] & 0xFF).isEqualTo(0x20);
            assertThat(frame.length).as("CONNACK size").isLessThanOrEqualTo(16);
        }
    }

    @Test
    @DisplayName("[docs/broker.md limits] v5: a topic filter longer than maxTopicLength gets SUBACK 0x8F; a longer topic name is refused with 0x90")
    void topicTooLong_refused() {
        RawClient c = broker.connected(MqttVersion.V5, "c");
        String longTopic = "l/" + "x".repeat(40);
        SubAck ack = c.subscribe(Packets.subscribe(1, Packets.sub(longTopic, QoS.AT_MOST_ONCE)));
        assertThat(ack.reasonCodes()).containsExactly(ReasonCode.TOPIC_FILTER_INVALID);
        c.send(Packets.publish(longTopic, "x", QoS.AT_LEAST_ONCE, 2));
        MqttPacket answer = c.read();
        if (answer instanceof PubAck pa) {
            assertThat(pa.reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
        } else {
            assertThat(answer).isInstanceOfSatisfying(Disconnect.class,
                    d -> assertThat(d.reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID));
        }
    }

    @Test
    @DisplayName("[docs/broker.md back-pressure] a publisher is paused while a draining subscriber lags, and nothing is lost")
    void backPressure_pausesPublisher_noLoss() {
        BrokerExtension own = new BrokerExtension(cfg -> cfg.maxQueuedMessages(10).maxPublisherPauseMillis(20_000));
        own.start(); // high water = min(backPressureHighWater, 10 / 2) = 5 waiting messages
        try (RawClient sub = RawClient.open(own.port()); RawClient pub = RawClient.open(own.port())) {
            sub.connect(ConnectBuilder.v5("sub").receiveMaximum(1).build());
            sub.subscribe("bp/t", QoS.AT_LEAST_ONCE);
            pub.connectOk(MqttVersion.V5, "pub");
            int n = 20;
            for (int i = 0; i < n; i++) {
                pub.send(Packets.publish("bp/t", "m" + i, QoS.AT_LEAST_ONCE, i + 1));
            }
            Publish first = sub.expect(Publish.class);
            int acked = 0;
            while (pub.hasDataWithin(QUIET)) { // PUBACKs until the publisher is paused
                pub.expect(PubAck.class);
                acked++;
            }
            assertThat(acked).as("PUBACKs before the pause").isLessThan(n);
            assertThat(own.broker().metrics().get(Metric.PUBLISHER_PAUSES)).isPositive();
            sub.send(new PubAck(first.packetId()));
            for (int i = 1; i < n; i++) {
                assertThat(sub.receive().payload().toUtf8String()).isEqualTo("m" + i);
            }
            for (; acked < n; acked++) {
                pub.expect(PubAck.class);
            }
            assertThat(own.broker().metrics().get(Metric.DROPPED_QUEUE_FULL)).isZero();
        } finally {
            own.stop();
        }
    }
}
