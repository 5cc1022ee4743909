package dev.wren.broker.persistence;

/**
 * What a durable store reports for metrics and {@code $SYS}: its commit counters since open,
 * its size on disk, and what recovery found when it was opened. Read a few times per
 * {@code $SYS} period, never on the publish path.
 *
 * @param commits writes requested by the broker (each publish, acknowledgement, session change)
 * @param writes engine writes; each carries one or more commits (group commit)
 * @param fsyncs syncs of the write-ahead log
 * @param failures commits that failed (their PUBACK/PUBREC/CONNACK was not sent as success)
 * @param cancelledWrites writes skipped because an acknowledgement arrived before their group commit
 * @param averageCommitMicros mean time from a commit's submission to its durability
 * @param maxCommitMicros longest such time
 * @param diskBytes bytes the store occupies on disk
 * @param recovery what opening the store found
 */
public record StoreStatistics(long commits, long writes, long fsyncs, long failures, long cancelledWrites,
        long averageCommitMicros,
        long maxCommitMicros, long diskBytes, Recovery recovery) {

    /** A store that reports nothing (the in-memory back end). */
    public static final StoreStatistics NONE = new StoreStatistics(0, 0, 0, 0, 0, 0, 0, 0, Recovery.CLEAN);

    /**
     * What recovery found and repaired when the store was opened.
     *
     * @param walRecordsDropped write-ahead log records dropped as torn or corrupt (the tail after the last consistent point)
     * @param walBytesDropped bytes of write-ahead log dropped
     * @param movedAside whether a store too damaged to open was moved aside and an empty one started
     * @param expiredSessions sessions removed because they expired while the broker was down
     * @param droppedQueueEntries queued deliveries removed because their message expired or was missing
     */
    public record Recovery(long walRecordsDropped, long walBytesDropped, boolean movedAside, long expiredSessions,
            long droppedQueueEntries) {
        public static final Recovery CLEAN = new Recovery(0, 0, false, 0, 0);
    }
}
