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
 * <p>Not thread-safe: built by one thread, then handed over and never touched again.
 */
public final class Batch {
    /** One put ({@code value != null}), delete ({@code value == null}) or range delete ({@code rangeEnd != null}). */
    record Op(Table table, byte[] key, byte[] value, byte[] rangeEnd) {}

    private final List<Op> ops = new ArrayList<>(4);
    private int bytes;

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

    List<Op> ops() {
        return ops;
    }
}
