package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.SubAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 reason codes on acknowledgements and server-sent DISCONNECTs. */
@Timeout(30)
class ReasonCodesIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maxSubscriptionsPerClient(1));

    @Test
    @DisplayName("[3.4.2.1] v5: PUBACK 0x10 (No matching subscribers) for a QoS 1 message nobody subscribed to")
    void puback_noMatchingSubscribers() {
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.send(Packets.publish("nobody/here", "x", QoS.AT_LEAST_ONCE, 1));
        assertThat(pub.expect(PubAck.class).reasonCode()).isEqualTo(ReasonCode.NO_MATCHING_SUBSCRIBERS);
        pub.send(Packets.publish("nobody/here", "x", QoS.EXACTLY_ONCE, 2));
        assertThat(pub.expect(PubRec.class).reasonCode()).isEqualTo(ReasonCode.NO_MATCHING_SUBSCRIBERS);
    }

    @Test
    @DisplayName("[3.3.2.3.2] v5: Payload Format Indicator 1 with a payload that is not UTF-8 is refused with 0x99")
    void payloadFormatInvalid_refused() {
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        sub.subscribe("pfi/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.send(new Publish("pfi/t", Binary.wrap(new byte[] {(byte) 0xC3, (byte) 0x28}), QoS.AT_LEAST_ONCE, false, false, 1,
                new PublishProperties(true, -1, null, null, null, List.of()), 0, List.of()));
        MqttPacket answer = pub.read();
        if (answer instanceof PubAck ack) {
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
        } else {
            assertThat(answer).isInstanceOfSatisfying(Disconnect.class,
                    d -> assertThat(d.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID));
        }
        sub.expectNothingFor(java.time.Duration.ofMillis(300));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-29] v5: with Request Problem Information 0 no Reason String is sent on a SUBACK")
    void requestProblemInformation0_noReasonString() {
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("quiet").requestProblemInformation(false).build());
        SubAck ack = c.subscribe(Packets.subscribe(1, Packets.sub("rp/a", QoS.AT_MOST_ONCE), Packets.sub("rp/b", QoS.AT_MOST_ONCE)));
        assertThat(ack.reasonCodes().get(1).isError()).as("second filter over maxSubscriptionsPerClient=1").isTrue();
        assertThat(ack.reasonString()).isNull();
        assertThat(ack.userProperties()).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.14.2-2] v5: a server-sent DISCONNECT carries no Session Expiry Interval")
    void serverDisconnect_noSessionExpiry() {
        RawClient old = broker.rawClient();
        old.connect(ConnectBuilder.v5("same").sessionExpiry(60).build());
        broker.connected(MqttVersion.V5, "same");
        Disconnect d = old.expectDisconnect(ReasonCode.SESSION_TAKEN_OVER);
        assertThat(d.sessionExpiryInterval()).isEqualTo(-1);
    }

    @Test
    @DisplayName("[3.14.2.1] v5: the broker shutting down sends DISCONNECT 0x8B to v5 clients and closes 3.1.1 clients")
    void shutdown_disconnect0x8B() {
        RawClient v5 = broker.connected(MqttVersion.V5, "v5");
        RawClient v3 = broker.connected(MqttVersion.V3_1_1, "v3");
        broker.broker().close();
        v5.expectDisconnect(ReasonCode.SERVER_SHUTTING_DOWN);
        v3.expectClosed();
    }

    @Test
    @DisplayName("[MQTT-3.9.2-1] v5: a SUBACK is still sent to a client with a small Maximum Packet Size, without a Reason String that would not fit")
    void suback_smallClientMaximum_reasonStringDropped() {
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("small").maximumPacketSize(12).build());
        c.send(Packets.subscribe(1, Packets.sub("ms/a", QoS.AT_MOST_ONCE), Packets.sub("ms/b", QoS.AT_MOST_ONCE)));
        byte[] frame = c.readFrame();
        assertThat(frame).as("SUBACK").isNotNull();
        assertThat(frame[0] & 0xFF).isEqualTo(0x90);
        assertThat(frame.length).isLessThanOrEqualTo(12);
    }

    @Test
    @DisplayName("[MQTT-3.14.2-3] v5: a server DISCONNECT (0x8E) reaches a client with a small Maximum Packet Size")
    void disconnect_smallClientMaximum_stillSent() {
        // a broker whose CONNACK is the bare 5 bytes, so only the DISCONNECT can be too large
        BrokerExtension own = new BrokerExtension(cfg -> cfg.receiveMaximum(65535).topicAliasMaximum(0));
        own.start();
        try (RawClient old = RawClient.open(own.port()); RawClient fresh = RawClient.open(own.port())) {
            assertThat(old.connect(ConnectBuilder.v5("same").maximumPacketSize(8).build()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            fresh.connectOk(MqttVersion.V5, "same");
            byte[] frame = old.readFrame();
            assertThat(frame).as("DISCONNECT before the close").isNotNull();
            assertThat(frame[0] & 0xFF).isEqualTo(0xE0);
            assertThat(frame.length).isLessThanOrEqualTo(8);
            assertThat(frame[2] & 0xFF).isEqualTo(0x8E);
            old.expectClosed();
        } finally {
            own.stop();
        }
    }
}
