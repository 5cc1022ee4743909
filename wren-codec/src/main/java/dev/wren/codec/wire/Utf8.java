package dev.wren.codec.wire;

import dev.wren.codec.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Strict UTF-8 validation for MQTT strings (MQTT 5.0 section 1.5.4, 3.1.1 section 1.5.3).
 *
 * <p>Hand-written instead of a {@code CharsetDecoder} so that the common all-ASCII case is one
 * tight loop with no allocation. Rejects what the specification forbids: ill-formed sequences
 * (including over-long forms and code points above U+10FFFF), surrogates U+D800..U+DFFF
 * [MQTT-1.5.4-1] and U+0000 [MQTT-1.5.4-2]. Other control characters and non-characters are
 * only "SHOULD NOT" and are accepted. A U+FEFF (BOM) is an ordinary character and is kept
 * [MQTT-1.5.4-3].
 */
final class Utf8 {
    /** Continues while the byte is in 0x01..0x7F. */
    private static final ByteProcessor PLAIN_ASCII = b -> b > 0;

    private Utf8() {}

    /**
     * Checks {@code len} bytes at {@code from}.
     *
     * @return {@code true} if they are all ASCII (so any charset decodes them), {@code false}
     *     if they are valid UTF-8 with multi-byte sequences
     * @throws MalformedPacketException if they are not a valid MQTT UTF-8 string
     */
    static boolean check(ByteBuf in, int from, int len, String what) {
        // forEachByte runs without per-byte bounds checks; it stops at the first byte that is
        // not plain ASCII 1..127, which is rare in topics and client identifiers.
        int i = in.forEachByte(from, len, PLAIN_ASCII);
        if (i < 0) {
            return true;
        }
        if (in.getByte(i) == 0) {
            throw MalformedPacketException.malformed(what + " contains U+0000 [MQTT-1.5.4-2]");
        }
        checkMultiByte(in, i, from + len, what);
        return false;
    }

    private static void checkMultiByte(ByteBuf in, int from, int end, String what) {
        int i = from;
        while (i < end) {
            int b = in.getByte(i) & 0xFF;
            if (b < 0x80) {
                if (b == 0) {
                    throw MalformedPacketException.malformed(what + " contains U+0000 [MQTT-1.5.4-2]");
                }
                i++;
            } else if (b < 0xC2) {
                throw illFormed(what); // continuation byte first, or over-long 2-byte form C0/C1
            } else if (b < 0xE0) {
                continuation(in, i + 1, end, 0x80, 0xBF, what);
                i += 2;
            } else if (b < 0xF0) {
                checkThreeBytes(in, i, end, b, what);
                i += 3;
            } else if (b < 0xF5) {
                int lo = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be over-long
                int hi = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be above U+10FFFF
                continuation(in, i + 1, end, lo, hi, what);
                continuation(in, i + 2, end, 0x80, 0xBF, what);
                continuation(in, i + 3, end, 0x80, 0xBF, what);
                i += 4;
            } else {
                throw illFormed(what);
            }
        }
    }

    private static void checkThreeBytes(ByteBuf in, int i, int end, int b, String what) {
        if (b == 0xED && i + 1 < end && (in.getByte(i + 1) & 0xFF) >= 0xA0) {
            throw MalformedPacketException.malformed(what + " contains a surrogate code point [MQTT-1.5.4-1]");
        }
        int lo = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be over-long
        continuation(in, i + 1, end, lo, 0xBF, what);
        continuation(in, i + 2, end, 0x80, 0xBF, what);
    }

    private static void continuation(ByteBuf in, int i, int end, int lo, int hi, String what) {
        if (i >= end) {
            throw illFormed(what);
        }
        int c = in.getByte(i) & 0xFF;
        if (c < lo || c > hi) {
            throw illFormed(what);
        }
    }

    private static MalformedPacketException illFormed(String what) {
        return MalformedPacketException.malformed(what + " is not well-formed UTF-8 [MQTT-1.5.4-1]");
    }
}
