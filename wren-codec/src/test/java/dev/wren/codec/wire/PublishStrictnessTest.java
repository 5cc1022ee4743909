package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.C5;
import static dev.wren.codec.wire.CodecSupport.MALFORMED;
import static dev.wren.codec.wire.CodecSupport.PROTOCOL;
import static dev.wren.codec.wire.CodecSupport.S3;
import static dev.wren.codec.wire.CodecSupport.S4;
import static dev.wren.codec.wire.CodecSupport.S5;
import static dev.wren.codec.wire.CodecSupport.concat;
import static dev.wren.codec.wire.CodecSupport.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Publish;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PUBLISH (3.3) validation. */
class PublishStrictnessTest {

    /** A 5.0 QoS 0 PUBLISH to "a" with the given property bytes and payload "x". */
    private static int[] publish5(int... props) {
        int[] body = concat(new int[] {0x00, 0x01, 'a', props.length}, props, new int[] {'x'});
        return concat(new int[] {0x30, body.length}, body);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-2] the topic name must not contain wildcards")
    void decode_topicWithWildcard_isMalformed_MQTT_3_3_2_2() {
        rejects(S5, MALFORMED, "MQTT-3.3.2-2", 0x30, 0x06, 0x00, 0x03, 'a', '/', '+', 0x00);
        rejects(S4, MALFORMED, "MQTT-3.3.2-2", 0x30, 0x03, 0x00, 0x01, '#');
        rejects(S3, MALFORMED, "MQTT-3.3.2-2", 0x30, 0x04, 0x00, 0x02, 'a', '#');
    }

    @Test
    @DisplayName("[MQTT-2.2.1-3] a QoS 1/2 PUBLISH needs a non-zero packet identifier")
    void decode_packetIdZero_isProtocolError_MQTT_2_2_1_3() {
        rejects(S5, PROTOCOL, "MQTT-2.2.1-3", 0x32, 0x06, 0x00, 0x01, 'a', 0x00, 0x00, 0x00);
        rejects(S4, PROTOCOL, "MQTT-2.2.1-3", 0x34, 0x05, 0x00, 0x01, 'a', 0x00, 0x00);
    }

    @Test
    @DisplayName("[MQTT-2.2.1-4] (3.1.1: [MQTT-2.3.1-1]) a server's QoS 1/2 PUBLISH needs a non-zero packet identifier")
    void decode_serverPublishPacketIdZero_isProtocolError_MQTT_2_2_1_4() {
        rejects(CodecSupport.C5, PROTOCOL, "packet identifier", 0x32, 0x06, 0x00, 0x01, 'a', 0x00, 0x00, 0x00);
        rejects(CodecSupport.C4, PROTOCOL, "packet identifier", 0x32, 0x05, 0x00, 0x01, 'a', 0x00, 0x00);
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] (3.x) a topic name must have at least one character")
    void decode_v3EmptyTopic_isMalformed_MQTT_4_7_3_1() {
        rejects(S4, MALFORMED, "MQTT-4.7.3-1", 0x30, 0x02, 0x00, 0x00);
    }

    @Test
    @DisplayName("5.0: an empty topic name without a Topic Alias is a protocol error (3.3.2.1)")
    void decode_v5EmptyTopicWithoutAlias_isProtocolError() {
        rejects(S5, PROTOCOL, "without a Topic Alias", 0x30, 0x03, 0x00, 0x00, 0x00);
    }

    @Test
    @DisplayName("a Topic Alias of 0 is not permitted (3.3.2.3.4): Topic Alias invalid")
    void decode_topicAliasZero_isTopicAliasInvalid() {
        rejects(S5, ReasonCode.TOPIC_ALIAS_INVALID, "Topic Alias", publish5(0x23, 0x00, 0x00));
    }

    @Test
    @DisplayName("[MQTT-3.3.4-6] a PUBLISH from a client must not contain a Subscription Identifier")
    void decode_subscriptionIdFromClient_isProtocolError_MQTT_3_3_4_6() {
        rejects(S5, PROTOCOL, "MQTT-3.3.4-6", publish5(0x0B, 0x01));
        Publish p = (Publish) CodecSupport.decode(CodecSupport.bytes(publish5(0x0B, 0x01)), C5);
        assertThat(p.subscriptionIdentifiers()).containsExactly(1);
    }

    @Test
    @DisplayName("a Subscription Identifier of 0 is a protocol error (3.3.2.3.8)")
    void decode_subscriptionIdZero_isProtocolError() {
        rejects(C5, PROTOCOL, "Subscription Identifier", publish5(0x0B, 0x00));
    }

    @Test
    @DisplayName("Payload Format Indicator other than 0 or 1 is a protocol error (3.3.2.3.2)")
    void decode_payloadFormatIndicatorTwo_isProtocolError() {
        rejects(S5, PROTOCOL, "PAYLOAD_FORMAT_INDICATOR", publish5(0x01, 0x02));
    }

    @Test
    @DisplayName("a single-valued property twice is a protocol error (3.3.2.3)")
    void decode_duplicateMessageExpiry_isProtocolError() {
        rejects(S5, PROTOCOL, "more than once", publish5(0x02, 0, 0, 0, 1, 0x02, 0, 0, 0, 2));
        rejects(S5, PROTOCOL, "more than once", publish5(0x23, 0, 1, 0x23, 0, 2));
    }

    @Test
    @DisplayName("Subscription Identifier may repeat in PUBLISH (3.3.2.3.8)")
    void decode_repeatedSubscriptionId_accepted() {
        Publish p = (Publish) CodecSupport.decode(CodecSupport.bytes(publish5(0x0B, 0x01, 0x0B, 0x02)), C5);
        assertThat(p.subscriptionIdentifiers()).containsExactly(1, 2);
    }

    @Test
    @DisplayName("a property not valid for PUBLISH is malformed (2.2.2.2)")
    void decode_propertyNotAllowed_isMalformed() {
        rejects(S5, MALFORMED, "not allowed in PUBLISH", publish5(0x11, 0, 0, 0, 1));
        rejects(S5, MALFORMED, "unknown property", publish5(0x00));
    }

    @Test
    @DisplayName("[MQTT-3.3.2-14] the Response Topic is a topic name: no wildcards")
    void decode_responseTopicWithWildcard_isMalformed_MQTT_3_3_2_14() {
        rejects(S5, MALFORMED, "Response Topic", publish5(0x08, 0x00, 0x01, '+'));
    }

    @Test
    @DisplayName("a property length running past the packet is malformed")
    void decode_propertyLengthPastPacket_isMalformed() {
        rejects(S5, MALFORMED, "runs past", 0x30, 0x05, 0x00, 0x01, 'a', 0x09, 0x01);
    }

    @Test
    @DisplayName("a QoS 1 PUBLISH without room for the packet identifier is malformed")
    void decode_missingPacketId_isMalformed() {
        rejects(S4, MALFORMED, "packet identifier", 0x32, 0x04, 0x00, 0x01, 'a', 0x00);
    }

    @Test
    @DisplayName("the payload is not validated against the Payload Format Indicator (receiver MAY, 3.3.2.3.2)")
    void decode_invalidUtf8PayloadWithFormatIndicator_accepted() {
        Publish p = (Publish) CodecSupport.decode(CodecSupport.bytes(
                0x30, 0x07, 0x00, 0x01, 'a', 0x02, 0x01, 0x01, 0xFF), S5);
        assertThat(p.properties().payloadUtf8()).isTrue();
    }
}
