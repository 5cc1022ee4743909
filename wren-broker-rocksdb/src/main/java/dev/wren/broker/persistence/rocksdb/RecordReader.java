package dev.wren.broker.persistence.rocksdb;

import dev.wren.codec.Binary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link RecordWriter} wrote. Any read past the end or malformed varint throws
 * {@link CorruptRecordException}, so a damaged record is reported, never half-decoded.
 *
 * <p>Not thread-safe: confined to the thread that decodes one record.
 */
final class RecordReader {
    private final byte[] buf;
    private int pos;

    RecordReader(byte[] buf) {
        this.buf = buf;
    }

    int getByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int getShort() {
        need(2);
        int value = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return value;
    }

    int getInt() {
        need(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (buf[pos++] & 0xFF);
        }
        return value;
    }

    long getLong() {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (buf[pos++] & 0xFF);
        }
        return value;
    }

    long getVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = getByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new CorruptRecordException("varint longer than 10 bytes");
    }

    int getLength() {
        long length = getVarLong();
        if (length < 0 || length > buf.length - pos) {
            throw new CorruptRecordException("length " + length + " exceeds the record");
        }
        return (int) length;
    }

    byte[] getBytes(int length) {
        need(length);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return out;
    }

    String getString() {
        int length = getLength();
        String value = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return value;
    }

    Binary getBinary() {
        return Binary.wrap(getBytes(getLength()));
    }

    /** Fails if bytes are left over: a record of a newer layout under an old version byte. */
    void expectEnd() {
        if (pos != buf.length) {
            throw new CorruptRecordException((buf.length - pos) + " unexpected trailing bytes");
        }
    }

    private void need(int n) {
        if (n < 0 || pos + n > buf.length) {
            throw new CorruptRecordException("record truncated at byte " + pos + " of " + buf.length);
        }
    }
}
