package dev.wren.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Immutable bytes: a payload, Correlation Data, Authentication Data or a password.
 *
 * <p>Decoded once and then shared by every delivery of a message, so the array is never
 * exposed for writing: {@link #toByteArray()} copies and {@link #unsafeArray()} is for the
 * encoder, which only reads. Records compare arrays by reference; this type compares content.
 */
public final class Binary {
    public static final Binary EMPTY = new Binary(new byte[0]);

    private final byte[] bytes;

    private Binary(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of {@code bytes}. */
    public static Binary copyOf(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Binary(bytes.clone());
    }

    /**
     * Wraps {@code bytes} without a copy. The caller hands over ownership and must never
     * write to the array again.
     */
    public static Binary wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Binary(bytes);
    }

    public static Binary utf8(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The backing array, for readers that promise not to modify it (encoders, stores). */
    public byte[] unsafeArray() {
        return bytes;
    }

    public String toUtf8String() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binary other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        if (bytes.length <= 32) {
            return "Binary[" + HexFormat.of().formatHex(bytes) + "]";
        }
        return "Binary[" + bytes.length + " bytes]";
    }
}
