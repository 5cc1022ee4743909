package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.MALFORMED;
import static dev.wren.codec.wire.CodecSupport.S4;
import static dev.wren.codec.wire.CodecSupport.S5;
import static dev.wren.codec.wire.CodecSupport.concat;
import static dev.wren.codec.wire.CodecSupport.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.packet.Publish;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UTF-8 Encoded Strings (1.5.4; 3.1.1: 1.5.3), checked through the PUBLISH topic name and other fields. */
class Utf8StrictnessTest {

    /** A 3.1.1 QoS 0 PUBLISH whose topic is {@code topic} (raw bytes). */
    private static int[] publishWithTopic(int... topic) {
        return concat(new int[] {0x30, 2 + topic.length, 0x00, topic.length}, topic);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "80",           // continuation byte without a lead byte
        "c0 80",        // over-long encoding of U+0000
        "c1 bf",        // over-long 2-byte form
        "e0 80 80",     // over-long 3-byte form
        "f0 80 80 80",  // over-long 4-byte form
        "f4 90 80 80",  // above U+10FFFF
        "f5 80 80 80",  // invalid lead byte
        "ff",           // invalid byte
        "e2 82",        // truncated sequence
        "c3 28",        // bad continuation byte
    })
    @DisplayName("[MQTT-1.5.4-1] strings must be well-formed UTF-8 (3.1.1: [MQTT-1.5.3-1])")
    void decode_illFormedUtf8_isMalformed_MQTT_1_5_4_1(String hexBytes) {
        int[] raw = toInts(HexFormat.ofDelimiter(" ").parseHex(hexBytes));
        rejects(S4, MALFORMED, "MQTT-1.5.4-1", publishWithTopic(concat(new int[] {'a'}, raw)));
    }

    private static int[] toInts(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }

    @Test
    @DisplayName("[MQTT-1.5.4-1] strings must not contain surrogates U+D800..U+DFFF")
    void decode_surrogate_isMalformed_MQTT_1_5_4_1() {
        rejects(S5, MALFORMED, "surrogate", 0x30, 0x06, 0x00, 0x03, 0xED, 0xA0, 0x80, 0x00);   // U+D800
        rejects(S5, MALFORMED, "surrogate", 0x30, 0x06, 0x00, 0x03, 0xED, 0xBF, 0xBF, 0x00);   // U+DFFF
    }

    @Test
    @DisplayName("[MQTT-1.5.4-2] strings must not contain U+0000 (3.1.1: [MQTT-1.5.3-2])")
    void decode_nullCharacter_isMalformed_MQTT_1_5_4_2() {
        rejects(S4, MALFORMED, "MQTT-1.5.4-2", publishWithTopic('a', 0x00, 'b'));
        rejects(S4, MALFORMED, "MQTT-1.5.4-2", publishWithTopic(0xC3, 0xA4, 0x00));   // after a multi-byte char
    }

    @Test
    @DisplayName("[MQTT-1.5.4-3] U+FEFF is a character and must not be stripped")
    void decode_byteOrderMark_isKept_MQTT_1_5_4_3() {
        Publish p = (Publish) CodecSupport.decode(CodecSupport.bytes(publishWithTopic(0xEF, 0xBB, 0xBF, 'a')), S4);
        assertThat(p.topic()).isEqualTo("\uFEFFa");
    }

    @Test
    void decode_validMultiByte_accepted() {
        Publish p = (Publish) CodecSupport.decode(CodecSupport.bytes(publishWithTopic(
                0xC3, 0xA4,                 // U+00E4
                0xE2, 0x82, 0xAC,           // U+20AC
                0xED, 0x9F, 0xBF,           // U+D7FF, just below the surrogates
                0xEE, 0x80, 0x80,           // U+E000, just above
                0xF0, 0x9F, 0x98, 0x80,     // U+1F600
                0xF4, 0x8F, 0xBF, 0xBF)), S4);  // U+10FFFF
        assertThat(p.topic()).isEqualTo("ä€\uD7FF\uE000\uD83D\uDE00\uDBFF\uDFFF");
    }

    @Test
    @DisplayName("[MQTT-1.5.7-1] both strings of a User Property must be valid UTF-8 strings")
    void decode_userPropertyWithNull_isMalformed_MQTT_1_5_7_1() {
        rejects(S5, MALFORMED, "User Property",
                0x30, 0x0C, 0x00, 0x01, 'a',
                0x07, 0x26, 0x00, 0x01, 'k', 0x00, 0x01, 0x00,   // user property value "\0"
                'x');
    }

    @Test
    void decode_stringLongerThanPacket_isMalformed() {
        rejects(S4, MALFORMED, "runs past the end", 0x30, 0x04, 0x00, 0x05, 'a', 'b');
    }
}
