package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.Hex;
import dev.wren.it.kit.RawClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CONNECT handling that needs more than a byte script: either/or outcomes, decoded CONNACK properties. */
@Timeout(30)
class ConnectIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maxQos(2).receiveMaximum(20).topicAliasMaximum(7).maxKeepAlive(120));

    /**
     * An error in CONNECT may be answered with a CONNACK carrying the error before the close
     * (4.13.1), or just with a close; nothing else is acceptable.
     */
    private static void expectRefused(RawClient c, int v3Code, ReasonCode v5Code) {
        byte[] frame = c.readFrame();
        if (frame != null) {
            assertThat(frame[0] & 0xFF).as("only a CONNACK may precede the close: %s", Hex.format(frame)).isEqualTo(0x20);
            if (frame[1] == 2 && frame.length == 4) {
                assertThat(frame[3] & 0xFF).as("3.x CONNACK return code").isEqualTo(v3Code);
            } else {
                assertThat(frame[3] & 0xFF).as("5.0 CONNACK reason code").isEqualTo(v5Code.code());
            }
            c.expectClosed();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-1] a protocol name other than MQTT/MQIsdp is refused (close, optionally after CONNACK)")
    void connect_badProtocolName_refused() {
        RawClient c = broker.rawClient();
        c.sendHex("10 0e 00 04 4d 51 54 58 05 02 00 3c 00 00 01 63"); // "MQTX" level 5
        expectRefused(c, 1, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] v5: unsupported protocol level gets 0x84 (or 3.x code 1) and a close")
    void connect_unsupportedLevel_refused() {
        RawClient c = broker.rawClient();
        c.sendHex("10 0e 00 04 4d 51 54 54 07 02 00 3c 00 00 01 63"); // level 7
        byte[] frame = c.readFrame();
        assertThat(frame).as("CONNACK before the close").isNotNull();
        assertThat(frame[0] & 0xFF).isEqualTo(0x20);
        int code = frame[3] & 0xFF;
        assertThat(code).as("0x84 (5.0 layout) or 1 (3.x layout)").isIn(0x84, 0x01);
        c.expectClosed();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-3] v5: a reserved CONNECT flag is a malformed packet (close, optionally CONNACK 0x81)")
    void connect_v5ReservedFlag_refused() {
        RawClient c = broker.rawClient();
        c.sendHex("10 0e 00 04 4d 51 54 54 05 03 00 3c 00 00 01 63");
        expectRefused(c, 2, ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[3.1.2.11.3] v5: Receive Maximum 0 in CONNECT is a protocol error")
    void connect_receiveMaximumZero_refused() {
        RawClient c = broker.rawClient();
        c.sendHex("10 11 00 04 4d 51 54 54 05 02 00 3c 03 21 00 00 00 01 63");
        expectRefused(c, 2, ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("[3.1.2.11.4] v5: Maximum Packet Size 0 in CONNECT is a protocol error")
    void connect_maximumPacketSizeZero_refused() {
        RawClient c = broker.rawClient();
        c.sendHex("10 13 00 04 4d 51 54 54 05 02 00 3c 05 27 00 00 00 00 00 01 63");
        expectRefused(c, 2, ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("[MQTT-3.1.3-6][MQTT-3.1.3-7][MQTT-3.2.2-16] v5: an empty client id gets a unique Assigned Client Identifier")
    void connect_v5EmptyClientId_assignsUniqueId() {
        ConnAck a = broker.rawClient().connect(ConnectBuilder.v5("").build());
        ConnAck b = broker.rawClient().connect(ConnectBuilder.v5("").build());
        assertThat(a.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(b.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(a.properties().assignedClientIdentifier()).isNotEmpty();
        assertThat(b.properties().assignedClientIdentifier()).isNotEmpty()
                .isNotEqualTo(a.properties().assignedClientIdentifier());
    }

    @Test
    @DisplayName("[MQTT-3.1.3-5] client ids of 1-23 characters [0-9a-zA-Z] are accepted, also longer ones")
    void connect_clientIdCharset_accepted() {
        broker.rawClient().connectOk(MqttVersion.V3_1_1, "0123456789abcdefghijKLM");
        broker.rawClient().connectOk(MqttVersion.V5, "a-much-longer/client:id_with.punctuation-0123456789");
    }

    @Test
    @DisplayName("[3.2.2.3] v5: CONNACK announces the server's limits: Receive Maximum, Topic Alias Maximum, Maximum QoS")
    void connack_v5_announcesLimits() {
        ConnAck ack = broker.rawClient().connectOk(MqttVersion.V5, "limits");
        assertThat(ack.properties().receiveMaximum()).isEqualTo(20);
        assertThat(ack.properties().topicAliasMaximum()).isEqualTo(7);
        assertThat(ack.properties().maximumQos()).isEqualTo(2);
        assertThat(ack.properties().retainAvailable()).isTrue();
        assertThat(ack.properties().wildcardSubscriptionAvailable()).isTrue();
        assertThat(ack.properties().sharedSubscriptionAvailable()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-3.2.2-21][3.2.2.3.14] v5: a keep alive above the server maximum is replaced by Server Keep Alive")
    void connack_keepAliveAboveMaximum_serverKeepAlive() {
        ConnAck ack = broker.rawClient().connect(ConnectBuilder.v5("ka").keepAlive(600).build());
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(ack.properties().serverKeepAlive()).isEqualTo(120);
    }

    @Test
    @DisplayName("[MQTT-3.2.2-2] v5: Clean Start 1 gives Session Present 0 even if a session existed")
    void connack_cleanStart_sessionPresentZero() {
        RawClient first = broker.rawClient();
        first.connectOk(MqttVersion.V5, "sp");
        first.disconnect();
        RawClient c = broker.rawClient();
        ConnAck ack = c.connect(ConnectBuilder.v5("sp").sessionExpiry(300).build());
        assertThat(ack.sessionPresent()).isFalse();
        c.disconnect();
        ConnAck again = broker.rawClient().connect(ConnectBuilder.v5("sp").cleanStart(true).sessionExpiry(300).build());
        assertThat(again.sessionPresent()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.2.2-3] v5: Clean Start 0 with a stored session gives Session Present 1 and keeps subscriptions")
    void connack_resume_sessionPresentOne() {
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("resume").cleanStart(false).sessionExpiry(300).build());
        c.subscribe("resume/t", QoS.AT_LEAST_ONCE);
        c.disconnect();

        RawClient back = broker.rawClient();
        ConnAck ack = back.connect(ConnectBuilder.v5("resume").cleanStart(false).sessionExpiry(300).build());
        assertThat(ack.sessionPresent()).isTrue();
        broker.connected(MqttVersion.V5, "pub").publish("resume/t", "hello", QoS.AT_LEAST_ONCE);
        Publish p = back.receive();
        assertThat(p.topic()).isEqualTo("resume/t");
    }

    @Test
    @DisplayName("[MQTT-3.2.2-2] (3.1.1) Clean Session 0 with a stored session gives Session Present 1")
    void connack_v311Resume_sessionPresentOne() {
        RawClient c = broker.rawClient();
        ConnAck first = c.connect(ConnectBuilder.v311("resume311").cleanStart(false).build());
        assertThat(first.sessionPresent()).isFalse();
        c.subscribe("r311/t", QoS.AT_LEAST_ONCE);
        c.disconnect();
        ConnAck ack = broker.rawClient().connect(ConnectBuilder.v311("resume311").cleanStart(false).build());
        assertThat(ack.sessionPresent()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-3.2.0-1] the first packet the server sends is CONNACK, even when messages are queued")
    void connack_isFirstPacket_evenWithQueuedMessages() {
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("first").cleanStart(false).sessionExpiry(300).build());
        c.subscribe("first/t", QoS.AT_LEAST_ONCE);
        c.disconnect();
        broker.connected(MqttVersion.V5, "pub").publish("first/t", "queued", QoS.AT_LEAST_ONCE);
        RawClient back = broker.rawClient();
        ConnAck ack = back.connect(ConnectBuilder.v5("first").cleanStart(false).sessionExpiry(300).build());
        assertThat(ack.sessionPresent()).isTrue();
        assertThat(back.receive().payload().toUtf8String()).isEqualTo("queued");
    }
}
