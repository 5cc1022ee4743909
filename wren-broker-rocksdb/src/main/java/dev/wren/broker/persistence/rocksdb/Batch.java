package dev.wren.broker.persistence.rocksdb;

import java.util.ArrayList;
import java.util.List;

/**
 * A fragment of writes that must reach disk atomically: the unit a writer hands to the
 * {@link GroupCommitter}. It is a plain Java list rather than a native {@code WriteBatch}
 * because the Java API cannot append one native batch to another, and because a writer then
 * owns no native memory it could leak; the committer copies all fragments into one native
 * batch per fsync.
 *
 * <p>Built by one thread and handed over to the committer. After that only {@link #cancel} may
 * touch it, from any thread, until the committer {@link #seal seals} it; both synchronize on
 * the batch.
 */
public final class Batch {
    /** One put ({@code value != null}), delete ({@code value == null}) or range delete ({@code rangeEnd != null}). */
    record Op(Table table, byte[] key, byte[] value, byte[] rangeEnd) {}

    private final List<Op> ops = new ArrayList<>(4);
    private int bytes;
    /** Written under this; volatile for {@link #isSealed()}. */
    private volatile boolean sealed;
    /** Guarded by this until sealed, then read by the committer only. */
    private boolean[] cancelled;

    /** Puts {@code value} under {@code key} in {@code table}. */
    public Batch put(Table table, byte[] key, byte[] value) {
        ops.add(new Op(table, key, value, null));
        bytes += key.length + value.length;
        return this;
    }

    /** Deletes {@code key} from {@code table}. */
    public Batch delete(Table table, byte[] key) {
        ops.add(new Op(table, key, null, null));
        bytes += key.length;
        return this;
    }

    /** Deletes every key in {@code [from, to)} of {@code table}. */
    public Batch deleteRange(Table table, byte[] from, byte[] to) {
        ops.add(new Op(table, from, null, to));
        bytes += from.length + to.length;
        return this;
    }

    /** Appends all of {@code other}'s writes. */
    public Batch addAll(Batch other) {
        ops.addAll(other.ops);
        bytes += other.bytes;
        return this;
    }

    /** Whether no write was added. */
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Keys plus values: the payload size this fragment adds to a commit. */
    public int sizeBytes() {
        return bytes;
    }

    /** How many writes were added so far: the index the next one gets. */
    public int size() {
        return ops.size();
    }

    /**
     * Drops write {@code op} (an index taken from {@link #size()} before it was added) unless the
     * committer has already taken the batch.
     *
     * @return false if the batch is sealed: the write happens, and the caller must undo it with a write of its own
     */
    synchronized boolean cancel(int op) {
        if (sealed) {
            return false;
        }
        if (cancelled == null) {
            cancelled = new boolean[ops.size()];
        }
        cancelled[op] = true;
        return true;
    }

    /** Called by the committer before it reads the writes: from now on nothing can be cancelled. */
    synchronized void seal() {
        sealed = true;
    }

    /** Whether the committer has taken this batch: nothing can be cancelled any more. */
    boolean isSealed() {
        return sealed;
    }

    /** Whether write {@code op} was cancelled; only after {@link #seal()}. */
    boolean isCancelled(int op) {
        return cancelled != null && cancelled[op];
    }

    List<Op> ops() {
        return ops;
    }
}
