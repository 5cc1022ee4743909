package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.MALFORMED;
import static dev.wren.codec.wire.CodecSupport.PROTOCOL;
import static dev.wren.codec.wire.CodecSupport.ascii;
import static dev.wren.codec.wire.CodecSupport.concat;
import static dev.wren.codec.wire.CodecSupport.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Connect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONNECT (3.1) validation, decoded by a server before the version is known. */
class ConnectStrictnessTest {
    private static final DecoderContext SERVER = DecoderContext.server();
    private static final int[] MQTT = {0x00, 0x04, 'M', 'Q', 'T', 'T'};

    /** A CONNECT with protocol name MQTT: level, flags, keep alive 0, then {@code rest}. */
    private static int[] connect(int level, int flags, int... rest) {
        int[] body = concat(MQTT, new int[] {level, flags, 0x00, 0x00}, rest);
        return concat(new int[] {0x10, body.length}, body);
    }

    /** A 5.0 CONNECT with client id "c" and the given property bytes. */
    private static int[] connect5WithProperties(int... props) {
        return connect(5, 0x02, concat(new int[] {props.length}, props, new int[] {0x00, 0x01, 'c'}));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-1] a protocol name other than MQTT / MQIsdp is malformed")
    void decode_wrongProtocolName_isMalformed_MQTT_3_1_2_1() {
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-1",
                0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'X', 0x04, 0x02, 0x00, 0x00, 0x00, 0x01, 'c');
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] an unsupported protocol level is reported as 0x84 so the server can answer")
    void decode_unsupportedLevel_isUnsupportedProtocolVersion_MQTT_3_1_2_2() {
        rejects(SERVER, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, "MQTT-3.1.2-2", connect(6, 0x02, 0x00, 0x01, 'c'));
        rejects(SERVER, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, "MQTT-3.1.2-2", connect(3, 0x02, 0x00, 0x01, 'c'));
        int[] mqisdp4 = concat(new int[] {0x10, 0x0F, 0x00, 0x06}, ascii("MQIsdp"), new int[] {4, 2, 0, 0, 0, 1, 'c'});
        rejects(SERVER, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, "MQTT-3.1.2-2", mqisdp4);
    }

    @Test
    void connectProtocolLevel_readsTheLevelOfAnyConnect() {
        ByteBuf in = Unpooled.wrappedBuffer(
                CodecSupport.bytes(connect(6, 0x02, 0x00, 0x01, 'c')));
        try {
            assertThat(MqttDecoder.connectProtocolLevel(in, 0)).isEqualTo(6);
        } finally {
            in.release();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-3] the reserved connect flag must be 0")
    void decode_reservedConnectFlag_isMalformed_MQTT_3_1_2_3() {
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-3", connect(4, 0x03, 0x00, 0x01, 'c'));
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-3", connect(5, 0x03, 0x00, 0x00, 0x01, 'c'));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-11] 5.0 / [MQTT-3.1.2-13] 3.1.1: Will QoS must be 0 without the Will Flag")
    void decode_willQosWithoutWillFlag_isMalformed_MQTT_3_1_2_11() {
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-11", connect(5, 0x0A, 0x00, 0x00, 0x01, 'c'));
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-13", connect(4, 0x12, 0x00, 0x01, 'c'));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-13] 5.0 / [MQTT-3.1.2-15] 3.1.1: Will Retain must be 0 without the Will Flag")
    void decode_willRetainWithoutWillFlag_isMalformed_MQTT_3_1_2_13() {
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-13", connect(5, 0x22, 0x00, 0x00, 0x01, 'c'));
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-15", connect(4, 0x22, 0x00, 0x01, 'c'));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-12] 5.0 / [MQTT-3.1.2-14] 3.1.1: Will QoS must not be 3")
    void decode_willQos3_isMalformed_MQTT_3_1_2_14() {
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-12", connect(5, 0x1E, 0x00, 0x00, 0x01, 'c'));
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-14", connect(4, 0x1E, 0x00, 0x01, 'c'));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-22] (3.1.1) the Password Flag requires the User Name Flag")
    void decode_v311PasswordWithoutUserName_isMalformed_MQTT_3_1_2_22() {
        rejects(SERVER, MALFORMED, "MQTT-3.1.2-22", connect(4, 0x42, 0x00, 0x01, 'c', 0x00, 0x01, 'p'));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-9] with the Will Flag the will topic and payload must be present")
    void decode_willFlagWithoutWill_isMalformed_MQTT_3_1_2_9() {
        rejects(SERVER, MALFORMED, "will topic runs past", connect(4, 0x06, 0x00, 0x01, 'c'));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-17] 5.0 / [MQTT-3.1.2-19] 3.1.1: with the User Name Flag the user name must be present")
    void decode_userNameFlagWithoutUserName_isMalformed_MQTT_3_1_2_17() {
        rejects(SERVER, MALFORMED, "user name runs past", connect(4, 0x82, 0x00, 0x01, 'c'));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-16] 5.0 / [MQTT-3.1.2-18] 3.1.1: without the User Name Flag no user name may follow")
    void decode_userNameWithoutFlag_isMalformed_MQTT_3_1_2_16() {
        rejects(SERVER, MALFORMED, "unexpected bytes", connect(4, 0x02, 0x00, 0x01, 'c', 0x00, 0x01, 'u'));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-19] 5.0 / [MQTT-3.1.2-21] 3.1.1: with the Password Flag the password must be present")
    void decode_passwordFlagWithoutPassword_isMalformed_MQTT_3_1_2_19() {
        rejects(SERVER, MALFORMED, "password runs past", connect(4, 0xC2, 0x00, 0x01, 'c', 0x00, 0x01, 'u'));
        rejects(SERVER, MALFORMED, "password runs past", connect(5, 0x42, 0x00, 0x00, 0x01, 'c'));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-18] 5.0 / [MQTT-3.1.2-20] 3.1.1: without the Password Flag no password may follow")
    void decode_passwordWithoutFlag_isMalformed_MQTT_3_1_2_18() {
        rejects(SERVER, MALFORMED, "unexpected bytes",
                connect(4, 0x82, 0x00, 0x01, 'c', 0x00, 0x01, 'u', 0x00, 0x01, 'p'));
    }

    @Test
    @DisplayName("[MQTT-3.1.3-4] client identifier, [MQTT-3.1.3-11] will topic, [MQTT-3.1.3-12] user name (3.1.1: -4, -10, -11) are UTF-8 strings")
    void decode_illFormedConnectStrings_isMalformed_MQTT_3_1_3_4() {
        rejects(SERVER, MALFORMED, "client identifier", connect(4, 0x02, 0x00, 0x01, 0xC0));
        rejects(SERVER, MALFORMED, "user name", connect(4, 0x82, 0x00, 0x01, 'c', 0x00, 0x01, 0x00));
        rejects(SERVER, MALFORMED, "will topic", connect(4, 0x06, 0x00, 0x01, 'c', 0x00, 0x01, 0xFF, 0x00, 0x00));
    }

    @Test
    @DisplayName("[MQTT-3.1.3-3] the client identifier must be present")
    void decode_missingClientId_isMalformed_MQTT_3_1_3_3() {
        rejects(SERVER, MALFORMED, "client identifier", connect(4, 0x02));
    }

    @Test
    @DisplayName("a will topic is a topic name: no wildcards [MQTT-3.3.2-2]")
    void decode_willTopicWithWildcard_isMalformed() {
        rejects(SERVER, MALFORMED, "Will Topic", connect(4, 0x06, 0x00, 0x01, 'c', 0x00, 0x01, '#', 0x00, 0x00));
    }

    @Test
    @DisplayName("MQTT 3.1 limits client identifiers to 23 characters; we accept longer ones (lenient)")
    void decode_v31LongClientId_accepted() {
        String id = "a-client-identifier-longer-than-23";
        int[] body = concat(new int[] {0x00, 0x06}, ascii("MQIsdp"), new int[] {3, 2, 0, 0, 0, id.length()}, ascii(id));
        Connect c = (Connect) CodecSupport.decode(CodecSupport.bytes(concat(new int[] {0x10, body.length}, body)), SERVER);
        assertThat(c.version()).isEqualTo(MqttVersion.V3_1);
        assertThat(c.clientId()).isEqualTo(id);
    }

    @Test
    @DisplayName("Receive Maximum 0 is a protocol error (3.1.2.11.3)")
    void decode_receiveMaximumZero_isProtocolError() {
        rejects(SERVER, PROTOCOL, "RECEIVE_MAXIMUM", connect5WithProperties(0x21, 0x00, 0x00));
    }

    @Test
    @DisplayName("Maximum Packet Size 0 is a protocol error (3.1.2.11.4)")
    void decode_maximumPacketSizeZero_isProtocolError() {
        rejects(SERVER, PROTOCOL, "Maximum Packet Size", connect5WithProperties(0x27, 0x00, 0x00, 0x00, 0x00));
    }

    @Test
    @DisplayName("Request Response / Problem Information other than 0 or 1 is a protocol error (3.1.2.11.6-7)")
    void decode_requestInformationTwo_isProtocolError() {
        rejects(SERVER, PROTOCOL, "REQUEST_RESPONSE_INFORMATION", connect5WithProperties(0x19, 0x02));
        rejects(SERVER, PROTOCOL, "REQUEST_PROBLEM_INFORMATION", connect5WithProperties(0x17, 0x02));
    }

    @Test
    @DisplayName("a property included twice is a protocol error (3.1.2.11)")
    void decode_duplicateProperty_isProtocolError() {
        rejects(SERVER, PROTOCOL, "more than once",
                connect5WithProperties(0x11, 0, 0, 0, 1, 0x11, 0, 0, 0, 2));
    }

    @Test
    @DisplayName("User Property may appear more than once (3.1.2.11.8)")
    void decode_repeatedUserProperty_accepted() {
        Connect c = (Connect) CodecSupport.decode(CodecSupport.bytes(connect5WithProperties(
                0x26, 0, 1, 'k', 0, 1, 'a', 0x26, 0, 1, 'k', 0, 1, 'b')), SERVER);
        assertThat(c.properties().userProperties()).hasSize(2);
    }

    @Test
    @DisplayName("a property not valid for CONNECT is malformed (2.2.2.2)")
    void decode_propertyNotAllowed_isMalformed() {
        rejects(SERVER, MALFORMED, "not allowed in CONNECT", connect5WithProperties(0x23, 0x00, 0x01));
        rejects(SERVER, MALFORMED, "unknown property", connect5WithProperties(0x7F, 0x00));
    }

    @Test
    @DisplayName("Authentication Data without Authentication Method is a protocol error (3.1.2.11.10)")
    void decode_authDataWithoutMethod_isProtocolError() {
        rejects(SERVER, PROTOCOL, "Authentication Method", connect5WithProperties(0x16, 0x00, 0x01, 0x01));
    }

    @Test
    @DisplayName("a property length running past the packet is malformed")
    void decode_propertyLengthPastPacket_isMalformed() {
        rejects(SERVER, MALFORMED, "runs past", connect(5, 0x02, 0x10, 0x11, 0x00));
    }

    @Test
    @DisplayName("a property value running past the property length is malformed")
    void decode_propertyValuePastPropertyLength_isMalformed() {
        // property length 2, but Session Expiry Interval needs 4 bytes: the rest would be the client id
        rejects(SERVER, MALFORMED, "runs past", connect(5, 0x02, 0x02, 0x11, 0x00, 0x00, 0x01, 'c'));
    }

    @Test
    @DisplayName("Will Properties: Topic Alias is not allowed, Payload Format Indicator 2 is a protocol error")
    void decode_invalidWillProperties_rejected() {
        int[] willTopicAndPayload = {0x00, 0x01, 'w', 0x00, 0x00};
        rejects(SERVER, MALFORMED, "Will Properties",
                connect(5, 0x06, concat(new int[] {0x00, 0x00, 0x01, 'c', 0x03, 0x23, 0x00, 0x01}, willTopicAndPayload)));
        rejects(SERVER, PROTOCOL, "PAYLOAD_FORMAT_INDICATOR",
                connect(5, 0x06, concat(new int[] {0x00, 0x00, 0x01, 'c', 0x02, 0x01, 0x02}, willTopicAndPayload)));
    }
}
