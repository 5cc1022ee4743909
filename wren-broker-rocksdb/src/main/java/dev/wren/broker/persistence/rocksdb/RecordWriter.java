package dev.wren.broker.persistence.rocksdb;

import dev.wren.codec.Binary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends big-endian fixed-width integers, variable-length integers and length-prefixed
 * strings to a growable array: the building block of every on-disk record and key.
 *
 * <p>Not thread-safe: confined to the thread that encodes one record.
 */
final class RecordWriter {
    private byte[] buf;
    private int size;

    RecordWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    RecordWriter putByte(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    RecordWriter putShort(int value) {
        ensure(2);
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) value;
        return this;
    }

    RecordWriter putInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    RecordWriter putLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Unsigned LEB128: small counts and lengths take one byte. */
    RecordWriter putVarLong(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    RecordWriter putBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** A varint length followed by the bytes. */
    RecordWriter putLengthPrefixed(byte[] bytes) {
        putVarLong(bytes.length);
        return putBytes(bytes);
    }

    RecordWriter putString(String value) {
        return putLengthPrefixed(value.getBytes(StandardCharsets.UTF_8));
    }

    RecordWriter putBinary(Binary value) {
        return putLengthPrefixed(value.unsafeArray());
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
