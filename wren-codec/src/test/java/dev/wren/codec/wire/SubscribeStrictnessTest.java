package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.MALFORMED;
import static dev.wren.codec.wire.CodecSupport.PROTOCOL;
import static dev.wren.codec.wire.CodecSupport.S4;
import static dev.wren.codec.wire.CodecSupport.S5;
import static dev.wren.codec.wire.CodecSupport.ascii;
import static dev.wren.codec.wire.CodecSupport.concat;
import static dev.wren.codec.wire.CodecSupport.rejects;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SUBSCRIBE (3.8) and UNSUBSCRIBE (3.10) validation. */
class SubscribeStrictnessTest {

    /** A 5.0 SUBSCRIBE, packet id 1, no properties, one filter with {@code options}. */
    private static int[] subscribe5(String filter, int options) {
        int[] body = concat(new int[] {0x00, 0x01, 0x00, 0x00, filter.length()}, ascii(filter), new int[] {options});
        return concat(new int[] {0x82, body.length}, body);
    }

    /** A 3.1.1 SUBSCRIBE, packet id 1, one filter with {@code options}. */
    private static int[] subscribe4(String filter, int options) {
        int[] body = concat(new int[] {0x00, 0x01, 0x00, filter.length()}, ascii(filter), new int[] {options});
        return concat(new int[] {0x82, body.length}, body);
    }

    @Test
    @DisplayName("[MQTT-3.8.3-2] (3.1.1: [MQTT-3.8.3-3]) a SUBSCRIBE must contain at least one topic filter")
    void decode_subscribeWithoutFilter_isProtocolError_MQTT_3_8_3_2() {
        rejects(S5, PROTOCOL, "MQTT-3.8.3-2", 0x82, 0x03, 0x00, 0x01, 0x00);
        rejects(S4, PROTOCOL, "MQTT-3.8.3-3", 0x82, 0x02, 0x00, 0x01);
    }

    @Test
    @DisplayName("[MQTT-3.10.3-2] an UNSUBSCRIBE must contain at least one topic filter")
    void decode_unsubscribeWithoutFilter_isProtocolError_MQTT_3_10_3_2() {
        rejects(S5, PROTOCOL, "MQTT-3.10.3-2", 0xA2, 0x03, 0x00, 0x01, 0x00);
        rejects(S4, PROTOCOL, "MQTT-3.10.3-2", 0xA2, 0x02, 0x00, 0x01);
    }

    @Test
    @DisplayName("[MQTT-3.8.3-5] reserved bits of the subscription options must be 0")
    void decode_reservedOptionBits_isMalformed_MQTT_3_8_3_5() {
        rejects(S5, MALFORMED, "MQTT-3.8.3-5", subscribe5("a", 0x41));
        rejects(S5, MALFORMED, "MQTT-3.8.3-5", subscribe5("a", 0x80));
    }

    @Test
    @DisplayName("[MQTT-3-8.3-4] (3.1.1) reserved bits of the requested QoS byte must be 0")
    void decode_v311ReservedOptionBits_isMalformed_MQTT_3_8_3_4() {
        rejects(S4, MALFORMED, "MQTT-3-8.3-4", subscribe4("a", 0x04));
        rejects(S4, MALFORMED, "MQTT-3-8.3-4", subscribe4("a", 0x21));
    }

    @Test
    @DisplayName("requested QoS 3 is malformed (3.8.3.1; 3.1.1 [MQTT-3-8.3-4])")
    void decode_requestedQos3_isMalformed() {
        rejects(S5, MALFORMED, "QoS 3", subscribe5("a", 0x03));
        rejects(S4, MALFORMED, "QoS 3", subscribe4("a", 0x03));
    }

    @Test
    @DisplayName("Retain Handling 3 is a protocol error (3.8.3.1)")
    void decode_retainHandling3_isProtocolError() {
        rejects(S5, PROTOCOL, "Retain Handling", subscribe5("a", 0x30));
    }

    @Test
    @DisplayName("[MQTT-3.8.3-4] No Local on a shared subscription is a protocol error")
    void decode_noLocalOnSharedSubscription_isProtocolError_MQTT_3_8_3_4() {
        rejects(S5, PROTOCOL, "MQTT-3.8.3-4", subscribe5("$share/g/a", 0x04));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a/#/b", "a#", "#/a", "a+", "+a/b", "", "$share/g", "$share//a", "$share/g+/a", "$share/g/"})
    @DisplayName("[MQTT-4.7.1-1] [MQTT-4.7.1-2] [MQTT-4.7.3-1] [MQTT-4.8.2-1] invalid topic filters are malformed")
    void decode_invalidTopicFilter_isMalformed_MQTT_4_7_1_1(String filter) {
        rejects(S5, MALFORMED, "MQTT-4.", subscribe5(filter, 0x00));
        int[] unsub = concat(new int[] {0x00, 0x01, 0x00, 0x00, filter.length()}, ascii(filter));
        rejects(S5, MALFORMED, "MQTT-4.", concat(new int[] {0xA2, unsub.length}, unsub));
    }

    @Test
    @DisplayName("[MQTT-2.2.1-3] SUBSCRIBE and UNSUBSCRIBE need a non-zero packet identifier")
    void decode_subscribePacketIdZero_isProtocolError_MQTT_2_2_1_3() {
        rejects(S4, PROTOCOL, "MQTT-2.2.1-3", 0x82, 0x06, 0x00, 0x00, 0x00, 0x01, 'a', 0x00);
        rejects(S4, PROTOCOL, "MQTT-2.2.1-3", 0xA2, 0x05, 0x00, 0x00, 0x00, 0x01, 'a');
    }

    @Test
    @DisplayName("Subscription Identifier 0, or twice, in SUBSCRIBE is a protocol error (3.8.2.1.2)")
    void decode_subscribeSubscriptionIdInvalid_isProtocolError() {
        rejects(S5, PROTOCOL, "Subscription Identifier", 0x82, 0x08, 0x00, 0x01, 0x02, 0x0B, 0x00, 0x00, 0x01, 'a', 0x00);
        rejects(S5, PROTOCOL, "more than once",
                0x82, 0x0B, 0x00, 0x01, 0x04, 0x0B, 0x01, 0x0B, 0x02, 0x00, 0x01, 'a', 0x00);
    }

    @Test
    @DisplayName("a property not valid for SUBSCRIBE / UNSUBSCRIBE is malformed (2.2.2.2)")
    void decode_subscribePropertyNotAllowed_isMalformed() {
        rejects(S5, MALFORMED, "not allowed in SUBSCRIBE", 0x82, 0x09, 0x00, 0x01, 0x02, 0x23, 0x00, 0x00, 0x01, 'a', 0x00);
        rejects(S5, MALFORMED, "not allowed in UNSUBSCRIBE", 0xA2, 0x08, 0x00, 0x01, 0x02, 0x0B, 0x01, 0x00, 0x01, 'a');
    }

    @Test
    @DisplayName("a filter without its options byte is malformed")
    void decode_filterWithoutOptions_isMalformed() {
        rejects(S4, MALFORMED, "subscription options", 0x82, 0x05, 0x00, 0x01, 0x00, 0x01, 'a');
    }
}
