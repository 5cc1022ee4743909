package dev.wren.codec;

/**
 * Checks that a payload is well-formed UTF-8 (RFC 3629), for PUBLISHes whose Payload Format
 * Indicator says UTF-8 (MQTT 5.0 3.3.2.3.2). Unlike a {@code CharsetDecoder} it allocates
 * nothing, so checking a large payload costs no garbage.
 *
 * <p>Rejects what RFC 3629 rejects: stray continuation bytes, truncated sequences, overlong
 * forms, UTF-16 surrogates (U+D800..U+DFFF) and code points above U+10FFFF. U+0000 is allowed:
 * the MQTT string rules [MQTT-1.5.4-2] apply to UTF-8 strings, not to payloads.
 */
public final class Utf8Payloads {
    private Utf8Payloads() {}

    /** Whether {@code bytes} is well-formed UTF-8. */
    public static boolean isWellFormed(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int len = sequenceLength(b & 0xFF, bytes, i, n);
            if (len < 0) {
                return false;
            }
            i += len;
        }
        return true;
    }

    /** Length of the multi-byte sequence starting with lead byte {@code b} at {@code i}, or -1. */
    private static int sequenceLength(int b, byte[] bytes, int i, int n) {
        if (b >= 0xC2 && b <= 0xDF) {
            return continues(bytes, i + 1, n, 0x80, 0xBF) ? 2 : -1;
        }
        if (b >= 0xE0 && b <= 0xEF) {
            // E0 needs A0.. (no overlong), ED needs ..9F (no surrogates)
            int lo = b == 0xE0 ? 0xA0 : 0x80;
            int hi = b == 0xED ? 0x9F : 0xBF;
            return continues(bytes, i + 1, n, lo, hi) && continues(bytes, i + 2, n, 0x80, 0xBF) ? 3 : -1;
        }
        if (b >= 0xF0 && b <= 0xF4) {
            // F0 needs 90.. (no overlong), F4 needs ..8F (nothing above U+10FFFF)
            int lo = b == 0xF0 ? 0x90 : 0x80;
            int hi = b == 0xF4 ? 0x8F : 0xBF;
            return continues(bytes, i + 1, n, lo, hi) && continues(bytes, i + 2, n, 0x80, 0xBF)
                    && continues(bytes, i + 3, n, 0x80, 0xBF) ? 4 : -1;
        }
        return -1; // 80..C1 (continuation or overlong lead) and F5..FF never start a sequence
    }

    private static boolean continues(byte[] bytes, int i, int n, int lo, int hi) {
        if (i >= n) {
            return false;
        }
        int c = bytes[i] & 0xFF;
        return c >= lo && c <= hi;
    }
}
