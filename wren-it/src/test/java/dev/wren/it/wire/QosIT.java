package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** QoS 1 and 2 flows in both directions, over the wire. */
@Timeout(30)
class QosIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.3.3-10](5.0) [MQTT-4.3.3-2](3.1.1) inbound QoS 2: a PUBLISH resent before PUBREL is acknowledged but not delivered again")
    void inboundQos2_duplicateBeforePubRel_deliveredOnce(MqttVersion v) {
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("eo/t", QoS.EXACTLY_ONCE);

        RawClient pub = broker.rawClient();
        pub.connectOk(v, "pub");
        Publish p = Packets.publish("eo/t", "once", QoS.EXACTLY_ONCE, 42);
        pub.send(p);
        assertThat(pub.expect(PubRec.class).packetId()).isEqualTo(42);
        pub.send(p.withDup(true));
        assertThat(pub.expect(PubRec.class).packetId()).isEqualTo(42);
        pub.send(p.withDup(true));
        assertThat(pub.expect(PubRec.class).packetId()).isEqualTo(42);
        pub.send(new PubRel(42));
        assertThat(pub.expect(PubComp.class).packetId()).isEqualTo(42);

        Publish got = sub.receive();
        assertThat(got.payload().toUtf8String()).isEqualTo("once");
        assertThat(got.qos()).isEqualTo(QoS.EXACTLY_ONCE);
        sub.expectNothingFor(QUIET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.3.3-12](5.0) [MQTT-4.3.3-2](3.1.1) inbound QoS 2: after PUBCOMP the same packet id carries a new message")
    void inboundQos2_packetIdReusedAfterPubComp_newMessage(MqttVersion v) {
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("eo/t", QoS.AT_MOST_ONCE);
        RawClient pub = broker.rawClient();
        pub.connectOk(v, "pub");
        pub.publish(Packets.publish("eo/t", "one", QoS.EXACTLY_ONCE, 7));
        pub.publish(Packets.publish("eo/t", "two", QoS.EXACTLY_ONCE, 7));
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("one");
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("two");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.3.3-1..5](5.0) [MQTT-4.3.3-1](3.1.1) outbound QoS 2: PUBLISH, PUBREC from the client, PUBREL from the server, PUBCOMP")
    void outboundQos2_fullFlow(MqttVersion v) {
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("q2/t", QoS.EXACTLY_ONCE);
        broker.connected(v, "pub").publish("q2/t", "x", QoS.EXACTLY_ONCE);

        Publish p = sub.expect(Publish.class);
        assertThat(p.qos()).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(p.dup()).as("DUP on a first delivery [MQTT-3.3.1-1]").isFalse();
        assertThat(p.packetId()).isNotZero();
        sub.send(new PubRec(p.packetId()));
        assertThat(sub.expect(PubRel.class).packetId()).isEqualTo(p.packetId());
        sub.send(new PubComp(p.packetId()));
        sub.expectNothingFor(QUIET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.8.4-8](5.0) [MQTT-3.8.4-6](3.1.1) delivery QoS is the minimum of published and granted QoS")
    void delivery_qosDowngradedToGranted(MqttVersion v) {
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("dg/0", QoS.AT_MOST_ONCE);
        sub.subscribe("dg/1", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.rawClient();
        pub.connectOk(v, "pub");
        pub.publish("dg/0", "a", QoS.EXACTLY_ONCE);
        assertThat(sub.receive().qos()).isEqualTo(QoS.AT_MOST_ONCE);
        pub.publish("dg/1", "b", QoS.EXACTLY_ONCE);
        assertThat(sub.receive().qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        pub.publish("dg/1", "c", QoS.AT_MOST_ONCE);
        assertThat(sub.receive().qos()).as("never upgraded").isEqualTo(QoS.AT_MOST_ONCE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.6.0-5](5.0) [MQTT-4.6.0-6](3.1.1) messages of one publisher on one topic arrive in order, at QoS 0, 1 and 2")
    void ordering_perTopic_preserved(MqttVersion v) {
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("ord/#", QoS.EXACTLY_ONCE);
        RawClient pub = broker.rawClient();
        pub.connectOk(v, "pub");
        for (QoS q : QoS.values()) {
            for (int i = 0; i < 20; i++) {
                pub.publish("ord/" + q.value(), q.value() + ":" + i, q);
            }
        }
        for (QoS q : QoS.values()) {
            for (int i = 0; i < 20; i++) {
                Publish p = sub.receive();
                assertThat(p.payload().toUtf8String()).isEqualTo(q.value() + ":" + i);
            }
        }
    }
}
