package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.security.Authorizer;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Authorization through the embedding SPI ({@code BrokerConfig.authorizer}): a test
 * {@link Authorizer} refuses PUBLISH to {@code deny/#} and SUBSCRIBE to {@code secret/#}.
 * A refused PUBLISH is never delivered; 5.0 publishers get PUBACK/PUBREC 0x87, 3.1.1 publishers
 * (no negative acknowledgement) a normal acknowledgement (docs/broker.md "3.x clients"); a
 * refused filter gets its own failure code in the SUBACK while the others are granted.
 */
@Timeout(30)
class AuthorizationIT {
    /** Every question the broker asked, as "pub clientId username topic" / "sub clientId username filter". */
    private final Queue<String> asked = new ConcurrentLinkedQueue<>();

    private final Authorizer denyingAuthorizer = new Authorizer() {
        @Override
        public boolean canPublish(String clientId, String username, String topic) {
            asked.add("pub " + clientId + " " + username + " " + topic);
            return !(topic.equals("deny") || topic.startsWith("deny/"));
        }

        @Override
        public boolean canSubscribe(String clientId, String username, TopicFilter filter) {
            asked.add("sub " + clientId + " " + username + " " + filter.value());
            return !(filter.value().equals("secret") || filter.value().startsWith("secret/"));
        }
    };

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.authorizer(denyingAuthorizer));

    /** A client subscribed to {@code #} at QoS 2, which sees every delivered message. */
    private RawClient watcher(MqttVersion version) {
        RawClient w = broker.connected(version, "watcher");
        w.subscribe("#", QoS.EXACTLY_ONCE);
        return w;
    }

    /** Publishes a QoS 1 control message and asserts it is the next (and only) one the watcher gets. */
    private static void onlyControlMessageDelivered(RawClient pub, RawClient watcher) {
        pub.publish("ok/after", "control", QoS.AT_LEAST_ONCE);
        Publish next = watcher.receive();
        assertThat(next.topic()).as("the refused message must not be delivered").isEqualTo("ok/after");
        watcher.expectNothingFor(Duration.ofMillis(200));
    }

    private static void pingPong(RawClient c) {
        c.send(PingReq.INSTANCE);
        c.expect(PingResp.class);
    }

    @Test
    @DisplayName("[3.4.2.1] v5: PUBLISH QoS 1 to a topic the Authorizer refuses gets PUBACK 0x87 (Not authorized) and is not delivered")
    void v5_qos1Refused_puback0x87_notDelivered() {
        RawClient w = watcher(MqttVersion.V5);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.send(Packets.publish("deny/x", "secret", QoS.AT_LEAST_ONCE, 7));
        PubAck ack = pub.expect(PubAck.class);
        assertThat(ack.packetId()).isEqualTo(7);
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        onlyControlMessageDelivered(pub, w);
        assertThat(asked).contains("pub pub null deny/x");
    }

    @Test
    @DisplayName("[3.5.2.1] [MQTT-4.3.3-9] v5: PUBLISH QoS 2 refused gets PUBREC 0x87, is not delivered, and its packet id is then free for a new message")
    void v5_qos2Refused_pubrec0x87_notDelivered_idReusable_MQTT_4_3_3_9() {
        RawClient w = watcher(MqttVersion.V5);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.send(Packets.publish("deny/x", "secret", QoS.EXACTLY_ONCE, 9));
        PubRec rec = pub.expect(PubRec.class);
        assertThat(rec.packetId()).isEqualTo(9);
        assertThat(rec.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        // after a PUBREC >= 0x80 the same id starts a new message [MQTT-4.3.3-9]
        pub.send(Packets.publish("ok/reused", "new", QoS.EXACTLY_ONCE, 9));
        PubRec second = pub.expect(PubRec.class);
        assertThat(second.packetId()).isEqualTo(9);
        assertThat(second.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        pub.send(new PubRel(9));
        assertThat(pub.expect(PubComp.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        Publish delivered = w.receive();
        assertThat(delivered.topic()).as("only the second message is delivered").isEqualTo("ok/reused");
        w.expectNothingFor(Duration.ofMillis(200));
    }

    @Test
    @DisplayName("[3.3.4] v5: PUBLISH QoS 0 refused is dropped without an answer; the connection stays open")
    void v5_qos0Refused_dropped_connectionOpen() {
        RawClient w = watcher(MqttVersion.V5);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.send(Packets.publish("deny/x", "secret", QoS.AT_MOST_ONCE, 0));
        pingPong(pub); // nothing but the PINGRESP: no DISCONNECT, no close
        onlyControlMessageDelivered(pub, w);
    }

    @Test
    @DisplayName("[MQTT-3.3.5-2](3.1.1) a refused PUBLISH QoS 1/2 is acknowledged normally (PUBACK; PUBREC, PUBCOMP) and not delivered; QoS 0 dropped; connection stays open")
    void v311_refused_acknowledgedPositively_notDelivered_MQTT_3_3_5_2() {
        RawClient w = watcher(MqttVersion.V3_1_1);
        RawClient pub = broker.connected(MqttVersion.V3_1_1, "pub");
        pub.send(Packets.publish("deny/q1", "secret", QoS.AT_LEAST_ONCE, 3));
        assertThat(pub.expect(PubAck.class).packetId()).isEqualTo(3);
        pub.send(Packets.publish("deny/q2", "secret", QoS.EXACTLY_ONCE, 4));
        assertThat(pub.expect(PubRec.class).packetId()).isEqualTo(4);
        pub.send(new PubRel(4));
        assertThat(pub.expect(PubComp.class).packetId()).isEqualTo(4);
        pub.send(Packets.publish("deny/q0", "secret", QoS.AT_MOST_ONCE, 0));
        pingPong(pub);
        onlyControlMessageDelivered(pub, w);
        assertThat(asked).contains("pub pub null deny/q1", "pub pub null deny/q2", "pub pub null deny/q0");
    }

    @Test
    @DisplayName("[MQTT-3.8.4-6] [MQTT-3.8.4-7] [MQTT-3.9.3-1] v5: SUBSCRIBE with an allowed and a refused filter: SUBACK [0x01, 0x87], only the allowed one is active")
    void v5_subscribe_oneFilterRefused_suback0x87_otherGranted() {
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        SubAck ack = sub.subscribe(Packets.subscribe(1, Packets.sub("ok/x", QoS.AT_LEAST_ONCE),
                Packets.sub("secret/x", QoS.AT_LEAST_ONCE), Packets.sub("ok/y", QoS.AT_MOST_ONCE)));
        assertThat(ack.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1, ReasonCode.NOT_AUTHORIZED,
                ReasonCode.GRANTED_QOS_0);
        assertSubscriptionsActive(sub);
        assertThat(asked).contains("sub sub null secret/x");
    }

    @Test
    @DisplayName("[MQTT-3.8.4-5](3.1.1) [MQTT-3.9.3-1] [MQTT-3.9.3-2](3.1.1) SUBSCRIBE with an allowed and a refused filter: SUBACK return codes 01 80 00, only the allowed ones active")
    void v311_subscribe_oneFilterRefused_suback0x80_otherGranted() {
        RawClient sub = broker.connected(MqttVersion.V3_1_1, "sub");
        sub.send(Packets.subscribe(1, Packets.sub("ok/x", QoS.AT_LEAST_ONCE),
                Packets.sub("secret/x", QoS.AT_LEAST_ONCE), Packets.sub("ok/y", QoS.AT_MOST_ONCE)));
        sub.expectHex("90 05 00 01 01 80 00");
        assertSubscriptionsActive(sub);
    }

    /** ok/x and ok/y were granted, secret/x was not: a message to secret/x reaches nobody. */
    private void assertSubscriptionsActive(RawClient sub) {
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.send(Packets.publish("secret/x", "s", QoS.AT_LEAST_ONCE, 1));
        assertThat(pub.expect(PubAck.class).reasonCode()).as("nobody subscribed to secret/x")
                .isEqualTo(ReasonCode.NO_MATCHING_SUBSCRIBERS);
        pub.publish("ok/x", "x", QoS.AT_LEAST_ONCE);
        pub.publish("ok/y", "y", QoS.AT_LEAST_ONCE);
        assertThat(List.of(sub.receive().topic(), sub.receive().topic())).containsExactly("ok/x", "ok/y");
        sub.expectNothingFor(Duration.ofMillis(200));
    }
}
