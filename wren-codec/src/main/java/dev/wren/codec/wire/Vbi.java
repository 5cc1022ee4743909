package dev.wren.codec.wire;

import io.netty.buffer.ByteBuf;

/**
 * Variable Byte Integer (MQTT 5.0 section 1.5.5, 3.1.1 section 2.2.3 "Remaining Length").
 *
 * <p>{@link #peek(ByteBuf, int)} never throws on partial input: it returns sentinels, so an
 * incremental frame decoder can call it on every read without exceptions on the hot path.
 */
public final class Vbi {
    /** The largest value a Variable Byte Integer can hold: 268,435,455. */
    public static final int MAX_VALUE = 268_435_455;
    /** Sentinel: the buffer ends inside the integer; wait for more bytes. */
    public static final int NEED_MORE = -1;
    /** Sentinel: a fifth byte would be needed, which is malformed [MQTT-1.5.5-1]. */
    public static final int TOO_LONG = -2;
    /** Sentinel: not encoded in the minimum number of bytes [MQTT-1.5.5-1]. */
    public static final int NOT_MINIMAL = -3;

    private Vbi() {}

    /**
     * Reads a Variable Byte Integer at {@code index} without moving the reader index.
     *
     * @return the value (its encoded length is {@link #size(int)}), or one of the sentinels
     *     {@link #NEED_MORE}, {@link #TOO_LONG}, {@link #NOT_MINIMAL}
     */
    public static int peek(ByteBuf in, int index) {
        int limit = in.writerIndex();
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (index + i >= limit) {
                return NEED_MORE;
            }
            int b = in.getByte(index + i);
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                // A last byte of 0 after a continuation byte adds nothing: over-long encoding.
                return i > 0 && b == 0 ? NOT_MINIMAL : value;
            }
        }
        return TOO_LONG;
    }

    /** The number of bytes {@code value} (0..{@link #MAX_VALUE}) takes on the wire. */
    public static int size(int value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        if (value < 2_097_152) {
            return 3;
        }
        return 4;
    }

    /** Writes {@code value} (0..{@link #MAX_VALUE}) in the minimum number of bytes. */
    public static void write(ByteBuf out, int value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("variable byte integer out of range: " + value);
        }
        int v = value;
        do {
            int b = v & 0x7F;
            v >>>= 7;
            out.writeByte(v > 0 ? b | 0x80 : b);
        } while (v > 0);
    }
}
