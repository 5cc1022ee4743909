package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wills on takeover, expiry of messages already sent, outbound aliases across connections, odd payloads and topics. */
@Timeout(30)
class MoreEdgesIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maintenanceIntervalMillis(0).outboundTopicAliases(true));

    private RawClient persistent(String id, int topicAliasMaximum) {
        RawClient c = broker.rawClient();
        ConnAck ack = c.connect(ConnectBuilder.v5(id).cleanStart(false).sessionExpiry(600).topicAliasMaximum(topicAliasMaximum).build());
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return c;
    }

    @Test
    @DisplayName("[MQTT-3.1.3-9][MQTT-3.1.4-3] v5: a takeover that resumes the session within the Will Delay Interval does not publish the will")
    void takeover_resumingWithinWillDelay_noWill() {
        RawClient w = broker.connected(MqttVersion.V5, "watcher");
        w.subscribe("tw/#", QoS.AT_MOST_ONCE);
        RawClient old = broker.rawClient();
        old.connect(ConnectBuilder.v5("same").cleanStart(false).sessionExpiry(600).will("tw/same", "gone", QoS.AT_MOST_ONCE, false, 30).build());
        RawClient fresh = broker.rawClient();
        fresh.connect(ConnectBuilder.v5("same").cleanStart(false).sessionExpiry(600).build());
        old.expectDisconnect(ReasonCode.SESSION_TAKEN_OVER);
        broker.clock().advance(Duration.ofSeconds(60));
        broker.broker().runMaintenance();
        w.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8][MQTT-3.1.4-3] v5: a takeover with Clean Start 1 ends the old session, so its delayed will is published")
    void takeover_cleanStart_endsSession_willPublished() {
        RawClient w = broker.connected(MqttVersion.V5, "watcher");
        w.subscribe("tw/#", QoS.AT_MOST_ONCE);
        RawClient old = broker.rawClient();
        old.connect(ConnectBuilder.v5("same").cleanStart(false).sessionExpiry(600).will("tw/same", "ended", QoS.AT_MOST_ONCE, false, 30).build());
        broker.rawClient().connect(ConnectBuilder.v5("same").cleanStart(true).build());
        old.expectDisconnect(ReasonCode.SESSION_TAKEN_OVER);
        assertThat(w.receive().payload().toUtf8String()).isEqualTo("ended");
    }

    @Test
    @DisplayName("[MQTT-3.3.2-5] v5: a QoS 1 message whose onward delivery started is resent on resumption even after its expiry passed")
    void qos1Sent_notExpired() {
        RawClient sub = persistent("sub", 0);
        sub.subscribe("q1x/t", QoS.AT_LEAST_ONCE);
        broker.connected(MqttVersion.V5, "pub").publish(Packets.publish("q1x/t", "x", QoS.AT_LEAST_ONCE, 1, Packets.expiry(10)));
        Publish first = sub.expect(Publish.class); // no PUBACK
        sub.close();
        broker.awaitConnections(1);
        broker.clock().advance(Duration.ofSeconds(30));
        broker.broker().runMaintenance();
        RawClient back = persistent("sub", 0);
        Publish again = back.expect(Publish.class);
        assertThat(again.packetId()).isEqualTo(first.packetId());
        assertThat(again.dup()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-3.3.2-7] v5: outbound Topic Aliases are not carried to the next connection: the first delivery names its topic again")
    void outboundAlias_newConnection_topicSentAgain() {
        RawClient sub = persistent("sub", 5);
        sub.subscribe("oal/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("oal/t", "1", QoS.AT_LEAST_ONCE);
        pub.publish("oal/t", "2", QoS.AT_LEAST_ONCE);
        assertThat(sub.receive().topic()).isEqualTo("oal/t");
        sub.receive(); // may use the alias only
        sub.disconnect();
        RawClient back = persistent("sub", 5);
        pub.publish("oal/t", "3", QoS.AT_LEAST_ONCE);
        Publish p = back.receive();
        assertThat(p.topic()).as("topic name in the first PUBLISH of a new connection").isEqualTo("oal/t");
    }

    @Test
    @DisplayName("[MQTT-3.3.2-7][MQTT-4.4.0-1] v5: a resent PUBLISH on resumption names its topic, not an alias of the old connection")
    void outboundAlias_resend_namesTopic() {
        RawClient sub = persistent("sub", 5);
        sub.subscribe("oar/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("oar/t", "1", QoS.AT_LEAST_ONCE);
        pub.publish("oar/t", "2", QoS.AT_LEAST_ONCE);
        sub.receive();
        Publish unacked = sub.expect(Publish.class);
        assertThat(unacked.topic()).as("second delivery uses the alias only").isEmpty();
        // A PINGREQ round trip proves the broker read the PUBACK of the first delivery before the
        // reconnect takes the session over; otherwise both deliveries are legitimately resent.
        sub.send(PingReq.INSTANCE);
        sub.expect(PingResp.class);
        sub.close();
        RawClient back = persistent("sub", 5);
        Publish again = back.expect(Publish.class);
        assertThat(again.packetId()).isEqualTo(unacked.packetId());
        assertThat(again.topic()).isEqualTo("oar/t");
        back.send(new PubAck(again.packetId()));
    }

    @Test
    @DisplayName("[3.3.3] a zero-length payload and a 1 MiB payload are both delivered unchanged")
    void payloads_emptyAndLarge() {
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        sub.subscribe("pl/#", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("pl/empty", "", QoS.AT_LEAST_ONCE);
        String big = "0123456789abcdef".repeat(65536);
        pub.publish("pl/big", big, QoS.AT_LEAST_ONCE);
        assertThat(sub.receive().payload().length()).isZero();
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo(big);
    }

    @Test
    @DisplayName("[MQTT-4.7.3-4] non-ASCII topics match byte for byte, also under wildcards")
    void unicodeTopics_match() {
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        sub.subscribe("ü/+/🎉", QoS.AT_MOST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("ü/日本/🎉", "a", QoS.AT_LEAST_ONCE);
        pub.publish("u/日本/🎉", "b", QoS.AT_LEAST_ONCE);
        Publish p = sub.receive();
        assertThat(p.topic()).isEqualTo("ü/日本/🎉");
        sub.expectNothingFor(QUIET);
    }
}
