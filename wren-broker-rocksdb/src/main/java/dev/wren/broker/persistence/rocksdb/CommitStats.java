package dev.wren.broker.persistence.rocksdb;

/**
 * A snapshot of the group committer's counters since the store was opened.
 *
 * @param fsyncs WAL syncs: one per synchronous batch plus one per periodic flush in async mode
 * @param batches RocksDB writes (each one native WriteBatch)
 * @param fragments {@link Batch} fragments committed (writer requests)
 * @param bytes key plus value bytes committed
 * @param failures fragments completed exceptionally because their write failed
 * @param totalLatencyNanos sum over fragments of submit-to-completion time
 * @param maxLatencyNanos the longest submit-to-completion time
 * @param cancelledWrites puts skipped because what they stored was already gone before the commit
 *     (a queue entry acknowledged, and its message if that was its last reference)
 */
public record CommitStats(long fsyncs, long batches, long fragments, long bytes, long failures,
        long totalLatencyNanos, long maxLatencyNanos, long cancelledWrites) {

    /** Fragments per RocksDB write: how many writers shared each (f)sync. */
    public double averageBatchSize() {
        return batches == 0 ? 0 : (double) fragments / batches;
    }

    /** Mean submit-to-completion time in microseconds. */
    public double averageLatencyMicros() {
        return fragments == 0 ? 0 : totalLatencyNanos / 1000.0 / fragments;
    }
}
