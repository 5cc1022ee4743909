package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.SubAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Server MUSTs that need a few packets each and fit no other class. */
@Timeout(30)
class MustStatementsIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.10.4-3] after UNSUBSCRIBE a QoS 2 delivery already started is completed (PUBREL still sent)")
    void unsubscribe_inflightQos2_completed(MqttVersion v) {
        RawClient sub = broker.connected(v, "sub");
        sub.subscribe("uq/t", QoS.EXACTLY_ONCE);
        broker.connected(v, "pub").publish("uq/t", "x", QoS.EXACTLY_ONCE);
        Publish p = sub.expect(Publish.class);
        sub.unsubscribe("uq/t");
        sub.send(new PubRec(p.packetId()));
        assertThat(sub.await(PubRel.class, r -> r.packetId() == p.packetId()).packetId()).isEqualTo(p.packetId());
        sub.send(new PubComp(p.packetId()));
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-4.4.0-2] v5: a PUBLISH answered with PUBACK 0x80 counts as acknowledged and is not resent on resumption")
    void pubAckError_notRetransmitted() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("s").cleanStart(false).sessionExpiry(600).build());
        sub.subscribe("pe/t", QoS.AT_LEAST_ONCE);
        broker.connected(MqttVersion.V5, "pub").publish("pe/t", "x", QoS.AT_LEAST_ONCE);
        Publish p = sub.expect(Publish.class);
        sub.send(new PubAck(p.packetId(), ReasonCode.UNSPECIFIED_ERROR));
        sub.send(PingReq.INSTANCE);
        sub.expect(PingResp.class);
        sub.close();
        RawClient back = broker.rawClient();
        assertThat(back.connect(ConnectBuilder.v5("s").cleanStart(false).sessionExpiry(600).build()).sessionPresent()).isTrue();
        back.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.3.4-10][MQTT-4.9.0-3] v5: with the client's Receive Maximum used up, PINGRESP and SUBACK are not delayed")
    void receiveMaximumReached_controlPacketsNotDelayed() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("s").receiveMaximum(1).build());
        sub.subscribe("rm/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("rm/t", "1", QoS.AT_LEAST_ONCE);
        pub.publish("rm/t", "2", QoS.AT_LEAST_ONCE);
        sub.expect(Publish.class); // quota now 0, message 2 waits
        sub.send(PingReq.INSTANCE);
        sub.expect(PingResp.class);
        SubAck ack = sub.subscribe("rm/other", QoS.AT_MOST_ONCE);
        assertThat(ack.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.3.1-3] the DUP flag of a delivery does not copy the incoming PUBLISH's DUP")
    void dup_notPropagated(MqttVersion v) {
        RawClient sub = broker.connected(v, "sub");
        sub.subscribe("dp/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(v, "pub");
        pub.publish(Packets.publish("dp/t", "x", QoS.AT_LEAST_ONCE, 3).withDup(true));
        assertThat(sub.receive().dup()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.3.2-5](5.0) [MQTT-4.3.2-2](3.1.1) after PUBACK, a PUBLISH reusing the packet id is a new message, whatever its DUP flag")
    void qos1_packetIdReused_newMessage(MqttVersion v) {
        RawClient sub = broker.connected(v, "sub");
        sub.subscribe("q1/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(v, "pub");
        pub.publish(Packets.publish("q1/t", "a", QoS.AT_LEAST_ONCE, 9));
        pub.publish(Packets.publish("q1/t", "b", QoS.AT_LEAST_ONCE, 9).withDup(true));
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("a");
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("b");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.3.1-8](5.0) [MQTT-3.3.1-12](3.1.1) a PUBLISH with RETAIN 0 neither stores nor replaces the retained message")
    void retainZero_doesNotTouchRetained(MqttVersion v) {
        RawClient pub = broker.connected(v, "pub");
        pub.publishRetained("rz/t", "kept", QoS.AT_LEAST_ONCE);
        pub.publish("rz/t", "live", QoS.AT_LEAST_ONCE);
        pub.publish("rz/u", "never-retained", QoS.AT_LEAST_ONCE);
        RawClient sub = broker.connected(v, "sub");
        sub.subscribe("rz/#", QoS.AT_LEAST_ONCE);
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("kept");
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-7](3.1.1) retained messages are not part of the session: they survive its end")
    void retained_surviveSessionEnd() {
        RawClient pub = broker.connected(MqttVersion.V3_1_1, "pub");
        pub.publishRetained("rs/t", "kept", QoS.AT_LEAST_ONCE);
        pub.disconnect();
        RawClient sub = broker.connected(MqttVersion.V3_1_1, "sub");
        sub.subscribe("rs/t", QoS.AT_MOST_ONCE);
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("kept");
    }

    @Test
    @DisplayName("[MQTT-4.12.0-6][MQTT-3.1.2-28] v5: no Authentication Method and no Response Information in CONNACK unless asked for")
    void connack_noAuthMethodNoResponseInformation() {
        ConnAck ack = broker.rawClient().connectOk(MqttVersion.V5, "plain");
        assertThat(ack.properties().authenticationMethod()).isNull();
        assertThat(ack.properties().responseInformation()).isNull();
    }

    @Test
    @DisplayName("[MQTT-3.3.2-4][MQTT-3.3.2-15][MQTT-3.3.2-16][MQTT-3.3.2-17][MQTT-3.3.2-20] v5: a QoS 2 message keeps all its properties through the broker")
    void qos2_propertiesKept() {
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        sub.subscribe("pq/t", QoS.EXACTLY_ONCE);
        PublishProperties props = new PublishProperties(false, -1, "ct", "rt/x", Binary.utf8("cd"),
                List.of(new dev.wren.codec.UserProperty("a", "1")));
        broker.connected(MqttVersion.V5, "pub").publish(Packets.publish("pq/t", "x", QoS.EXACTLY_ONCE, 4, props));
        Publish p = sub.receive();
        assertThat(p.properties()).isEqualTo(props);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-2][MQTT-4.7.0-1] v5: a Topic Name with a wildcard is refused (DISCONNECT 0x81, 0x82 or 0x90) and not delivered")
    void v5TopicNameWithWildcard_refused() {
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        sub.subscribe("wc/#", QoS.AT_MOST_ONCE);
        RawClient c = broker.connected(MqttVersion.V5, "c");
        c.sendHex("30 07 00 04 77 63 2f 2b 00"); // PUBLISH "wc/+", no properties, empty payload
        dev.wren.codec.packet.Disconnect d = c.expect(dev.wren.codec.packet.Disconnect.class);
        assertThat(d.reasonCode()).isIn(ReasonCode.MALFORMED_PACKET, ReasonCode.PROTOCOL_ERROR, ReasonCode.TOPIC_NAME_INVALID);
        c.expectClosed();
        sub.expectNothingFor(QUIET);
    }
}
