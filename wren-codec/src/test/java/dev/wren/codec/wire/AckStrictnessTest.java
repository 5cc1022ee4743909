package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.C3;
import static dev.wren.codec.wire.CodecSupport.C4;
import static dev.wren.codec.wire.CodecSupport.C5;
import static dev.wren.codec.wire.CodecSupport.MALFORMED;
import static dev.wren.codec.wire.CodecSupport.PROTOCOL;
import static dev.wren.codec.wire.CodecSupport.S4;
import static dev.wren.codec.wire.CodecSupport.S5;
import static dev.wren.codec.wire.CodecSupport.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Disconnect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONNACK, the publish acknowledgements, SUBACK, UNSUBACK, DISCONNECT and AUTH validation. */
class AckStrictnessTest {

    @Test
    @DisplayName("[MQTT-3.2.2-1] (5.0; 3.1.1 states it in 3.2.2.1 without an id) reserved CONNACK flag bits must be 0 (the whole byte in 3.1)")
    void decode_connAckReservedBits_isMalformed_MQTT_3_2_2_1() {
        rejects(C4, MALFORMED, "MQTT-3.2.2-1", 0x20, 0x02, 0x02, 0x00);
        rejects(C5, MALFORMED, "MQTT-3.2.2-1", 0x20, 0x03, 0x80, 0x00, 0x00);
        rejects(C3, MALFORMED, "MQTT-3.2.2-1", 0x20, 0x02, 0x01, 0x00);
    }

    @Test
    @DisplayName("3.x CONNACK return codes 6-255 are reserved (3.2.2.3)")
    void decode_connAckReservedReturnCode_isMalformed() {
        rejects(C4, MALFORMED, "reserved", 0x20, 0x02, 0x00, 0x06);
    }

    @Test
    @DisplayName("[MQTT-3.2.2-6] (3.1.1: [MQTT-3.2.2-4]) Session Present must be 0 with a failure reason code")
    void decode_sessionPresentWithFailure_isProtocolError_MQTT_3_2_2_6() {
        rejects(C5, PROTOCOL, "MQTT-3.2.2-6", 0x20, 0x03, 0x01, 0x87, 0x00);
        rejects(C4, PROTOCOL, "MQTT-3.2.2-4", 0x20, 0x02, 0x01, 0x05);
    }

    @Test
    @DisplayName("[MQTT-3.2.2-8] a CONNACK reason code must be one of table 3-1")
    void decode_connAckReasonCodeNotAllowed_isMalformed_MQTT_3_2_2_8() {
        rejects(C5, MALFORMED, "not valid in CONNACK", 0x20, 0x03, 0x00, 0x10, 0x00);
    }

    @Test
    @DisplayName("CONNACK properties: Maximum QoS > 1, Receive Maximum 0, flags > 1, Maximum Packet Size 0 are protocol errors")
    void decode_connAckInvalidPropertyValues_isProtocolError() {
        rejects(C5, PROTOCOL, "MAXIMUM_QOS", 0x20, 0x05, 0x00, 0x00, 0x02, 0x24, 0x02);
        rejects(C5, PROTOCOL, "RECEIVE_MAXIMUM", 0x20, 0x06, 0x00, 0x00, 0x03, 0x21, 0x00, 0x00);
        rejects(C5, PROTOCOL, "RETAIN_AVAILABLE", 0x20, 0x05, 0x00, 0x00, 0x02, 0x25, 0x02);
        rejects(C5, PROTOCOL, "WILDCARD_SUBSCRIPTION_AVAILABLE", 0x20, 0x05, 0x00, 0x00, 0x02, 0x28, 0x05);
        rejects(C5, PROTOCOL, "Maximum Packet Size", 0x20, 0x08, 0x00, 0x00, 0x05, 0x27, 0, 0, 0, 0);
        rejects(C5, MALFORMED, "not allowed in CONNACK", 0x20, 0x05, 0x00, 0x00, 0x02, 0x17, 0x01);
    }

    @Test
    @DisplayName("a v3 CONNACK with trailing bytes is malformed")
    void decode_v3ConnAckTrailingBytes_isMalformed() {
        rejects(C4, MALFORMED, "unexpected bytes", 0x20, 0x03, 0x00, 0x00, 0x00);
    }

    @Test
    @DisplayName("[MQTT-3.4.2-1] PUBACK must use one of the PUBACK reason codes")
    void decode_pubAckReasonCodeNotAllowed_isMalformed_MQTT_3_4_2_1() {
        rejects(S5, MALFORMED, "not valid in PUBACK", 0x40, 0x03, 0x00, 0x01, 0x81);
        rejects(S5, MALFORMED, "not valid in PUBREL", 0x62, 0x03, 0x00, 0x01, 0x10);
        rejects(S5, MALFORMED, "not valid in PUBCOMP", 0x70, 0x03, 0x00, 0x01, 0x87);
    }

    @Test
    @DisplayName("a 3.x PUBACK is exactly 2 bytes")
    void decode_v3PubAckTrailingBytes_isMalformed() {
        rejects(S4, MALFORMED, "unexpected bytes", 0x40, 0x03, 0x00, 0x01, 0x00);
    }

    @Test
    @DisplayName("[MQTT-2.2.1-5] acknowledgements carry the (non-zero) identifier of the packet they acknowledge")
    void decode_pubAckPacketIdZero_isProtocolError() {
        rejects(S4, PROTOCOL, "MQTT-2.2.1-3", 0x40, 0x02, 0x00, 0x00);
    }

    @Test
    @DisplayName("[MQTT-3.6.1-1] PUBREL fixed header flags must be 0010")
    void decode_pubRelFlags_isMalformed_MQTT_3_6_1_1() {
        rejects(S5, MALFORMED, "MQTT-2.1.3-1", 0x60, 0x02, 0x00, 0x01);
    }

    @Test
    @DisplayName("PUBACK with a Reason String twice is a protocol error (3.4.2.2.2)")
    void decode_pubAckReasonStringTwice_isProtocolError() {
        rejects(S5, PROTOCOL, "more than once", 0x40, 0x0C, 0x00, 0x01, 0x00, 0x08,
                0x1F, 0x00, 0x01, 'a', 0x1F, 0x00, 0x01, 'b');
    }

    @Test
    @DisplayName("[MQTT-3.9.3-2] SUBACK must use SUBACK reason codes (3.1.1: 0x00, 0x01, 0x02, 0x80)")
    void decode_subAckReasonCodeNotAllowed_isMalformed_MQTT_3_9_3_2() {
        rejects(C5, MALFORMED, "not valid in SUBACK", 0x90, 0x04, 0x00, 0x01, 0x00, 0x11);
        rejects(C4, MALFORMED, "MQTT-3.9.3-2", 0x90, 0x03, 0x00, 0x01, 0x03);
        rejects(C4, MALFORMED, "MQTT-3.9.3-2", 0x90, 0x03, 0x00, 0x01, 0x87);
    }

    @Test
    @DisplayName("[MQTT-3.11.3-2] UNSUBACK must use UNSUBACK reason codes")
    void decode_unsubAckReasonCodeNotAllowed_isMalformed_MQTT_3_11_3_2() {
        rejects(C5, MALFORMED, "not valid in UNSUBACK", 0xB0, 0x04, 0x00, 0x01, 0x00, 0x02);
    }

    @Test
    @DisplayName("a 3.x UNSUBACK has no payload")
    void decode_v3UnsubAckWithPayload_isMalformed() {
        rejects(C4, MALFORMED, "unexpected bytes", 0xB0, 0x03, 0x00, 0x01, 0x00);
    }

    @Test
    @DisplayName("[MQTT-3.14.2-1] DISCONNECT must use DISCONNECT reason codes")
    void decode_disconnectReasonCodeNotAllowed_isMalformed_MQTT_3_14_2_1() {
        rejects(S5, MALFORMED, "not valid in DISCONNECT", 0xE0, 0x01, 0x05);
        rejects(S5, MALFORMED, "not valid in DISCONNECT", 0xE0, 0x01, 0x84);
    }

    @Test
    @DisplayName("[MQTT-3.14.2-2] a server must not send Session Expiry Interval in DISCONNECT")
    void decode_disconnectSessionExpiryFromServer_isProtocolError_MQTT_3_14_2_2() {
        int[] wire = {0xE0, 0x07, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x0A};
        rejects(C5, PROTOCOL, "MQTT-3.14.2-2", wire);
        Disconnect d = (Disconnect) CodecSupport.decode(CodecSupport.bytes(wire), S5);
        assertThat(d.sessionExpiryInterval()).isEqualTo(10);
    }

    @Test
    @DisplayName("3.14.2 (no statement id): a 3.x DISCONNECT has no variable header, trailing bytes are malformed")
    void decode_v3DisconnectWithBody_isMalformed() {
        rejects(S4, MALFORMED, "unexpected bytes", 0xE0, 0x01, 0x00);
    }

    @Test
    @DisplayName("[MQTT-3.15.2-1] AUTH must use an authenticate reason code")
    void decode_authReasonCodeNotAllowed_isMalformed_MQTT_3_15_2_1() {
        rejects(S5, MALFORMED, "not valid in AUTH", 0xF0, 0x06, 0x87, 0x04, 0x15, 0x00, 0x01, 'M');
    }

    @Test
    @DisplayName("AUTH without Authentication Method is a protocol error (3.15.2.2.2)")
    void decode_authWithoutMethod_isProtocolError() {
        rejects(S5, PROTOCOL, "Authentication Method", 0xF0, 0x02, 0x18, 0x00);
    }

    @Test
    @DisplayName("[MQTT-3.15.1-1] AUTH fixed header flags must be 0")
    void decode_authFlags_isMalformed_MQTT_3_15_1_1() {
        rejects(S5, MALFORMED, "MQTT-2.1.3-1", 0xF2, 0x00);
    }

    @Test
    void decode_v5ConnAckWithoutPropertyLength_isMalformed() {
        rejects(C5, MALFORMED, "property length", 0x20, 0x02, 0x00, 0x00);
    }

    @Test
    void decode_v3ConnAckRefused_mapsReturnCodes() {
        assertThat(((ConnAck) CodecSupport.decode(CodecSupport.bytes(0x20, 0x02, 0x00, 0x03), C4)).reasonCode())
                .isEqualTo(ReasonCode.SERVER_UNAVAILABLE);
    }
}
