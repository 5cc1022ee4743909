package dev.wren.cli.bench;

import java.nio.ByteBuffer;

/**
 * The bench payload: publisher index, sequence number and send time in its first 16 bytes,
 * zero padding after, so subscribers can detect loss, duplicates and latency.
 */
final class Probe {
    /** Smallest payload that holds the header. */
    static final int HEADER = 16;

    private Probe() {}

    static byte[] encode(int publisher, int sequence, long sentNanos, int size) {
        byte[] b = new byte[Math.max(HEADER, size)];
        ByteBuffer.wrap(b).putInt(publisher).putInt(sequence).putLong(sentNanos);
        return b;
    }

    static int publisher(byte[] b) {
        return b.length < HEADER ? -1 : ByteBuffer.wrap(b).getInt(0);
    }

    static int sequence(byte[] b) {
        return ByteBuffer.wrap(b).getInt(4);
    }

    static long sentNanos(byte[] b) {
        return ByteBuffer.wrap(b).getLong(8);
    }
}
