package dev.wren.broker.persistence.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key formats. Per-client keys start with a <em>client prefix</em>: the UTF-8 client id preceded
 * by its 2-byte length, so that one client's keys never share a prefix with another client's
 * (client {@code "a"} vs {@code "ab"}) and a prefix scan or range delete selects exactly one
 * session. Numbers are big-endian so that byte order is numeric order.
 */
final class Keys {
    private Keys() {}

    /**
     * {@link Table#META} key written by a clean close, together with the state of every QoS 1
     * delivery in flight; deleted (durably) on open. Its presence tells the next open that a
     * QoS 1 entry still QUEUED was never sent.
     */
    static final byte[] CLEAN_SHUTDOWN = "clean-shutdown".getBytes(StandardCharsets.UTF_8);

    static byte[] session(String clientId) {
        return utf8(clientId);
    }

    static byte[] clientPrefix(String clientId) {
        byte[] id = utf8(clientId);
        if (id.length > 0xFFFF) {
            throw new IllegalArgumentException("client id longer than 65535 bytes");
        }
        return new RecordWriter(2 + id.length).putShort(id.length).putBytes(id).toByteArray();
    }

    static byte[] subscription(String clientId, String filter) {
        return new RecordWriter(64).putBytes(clientPrefix(clientId)).putBytes(utf8(filter)).toByteArray();
    }

    static byte[] queue(String clientId, long seq) {
        return new RecordWriter(32).putBytes(clientPrefix(clientId)).putLong(seq).toByteArray();
    }

    static byte[] inbound(String clientId, int packetId) {
        return new RecordWriter(32).putBytes(clientPrefix(clientId)).putShort(packetId).toByteArray();
    }

    static byte[] message(long id) {
        return new RecordWriter(8).putLong(id).toByteArray();
    }

    static byte[] retained(String topic) {
        return utf8(topic);
    }

    /** The smallest key greater than every key that starts with {@code prefix}: a range-delete end. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("prefix of only 0xFF bytes has no end");
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The client id of a per-client key. */
    static String clientOf(byte[] key) {
        int length = ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
        return new String(key, 2, length, StandardCharsets.UTF_8);
    }

    /** The part of a per-client key after the client prefix. */
    static byte[] suffix(byte[] key) {
        int length = ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
        return Arrays.copyOfRange(key, 2 + length, key.length);
    }

    static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
