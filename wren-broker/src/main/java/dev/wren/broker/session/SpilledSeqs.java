package dev.wren.broker.session;

import java.util.Arrays;

/**
 * The sequence numbers of a spilled queue: deliveries whose messages are only in the store, kept
 * sorted so they are paged back in store order. Eight bytes per delivery instead of the message.
 *
 * <p>Deliveries arrive almost in sequence order (the store assigns numbers when the publisher's
 * loop stores a message, the session receives it a moment later), so {@link #add} appends in the
 * common case and shifts a few slots otherwise.
 *
 * <p>Not thread-safe: confined to the session's loop like {@link OutboundFlow}.
 */
final class SpilledSeqs {
    /** Shared by every session that never spilled: the array comes with the first spill. */
    private static final long[] NONE = new long[0];
    private long[] seqs = NONE;
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds {@code seq} in order; a number already present is ignored. */
    void add(long seq) {
        if (size == seqs.length) {
            grow();
        }
        int i = size;
        while (i > 0 && at(i - 1) > seq) {
            seqs[slot(i)] = at(i - 1);
            i--;
        }
        if (i > 0 && at(i - 1) == seq) {
            // undo the shift: the number is already there
            for (int j = i; j < size; j++) {
                seqs[slot(j)] = at(j + 1);
            }
            return;
        }
        seqs[slot(i)] = seq;
        size++;
    }

    /** The smallest number; only when not empty. */
    long first() {
        return seqs[head];
    }

    /** Removes the smallest number. */
    long removeFirst() {
        long seq = seqs[head];
        head = (head + 1) % seqs.length;
        size--;
        if (size == 0) {
            head = 0;
        }
        return seq;
    }

    void clear() {
        head = 0;
        size = 0;
        if (seqs.length > 1024) {
            seqs = NONE;
        }
    }

    private long at(int i) {
        return seqs[slot(i)];
    }

    private int slot(int i) {
        return (head + i) % seqs.length;
    }

    private void grow() {
        long[] bigger = new long[Math.max(16, seqs.length * 2)];
        for (int i = 0; i < size; i++) {
            bigger[i] = at(i);
        }
        seqs = bigger;
        head = 0;
    }

    @Override
    public String toString() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = at(i);
        }
        return Arrays.toString(out);
    }
}
