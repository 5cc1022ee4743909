package dev.wren.broker.persistence.rocksdb;

import java.nio.file.Path;
import java.util.List;

/**
 * What opening the store found and repaired.
 *
 * @param walCorruptions WAL records RocksDB dropped during point-in-time recovery (torn or corrupt tail)
 * @param walBytesDropped bytes RocksDB reported as dropped from the WAL
 * @param walMessages RocksDB's own descriptions of what it dropped
 * @param movedAsideTo where a store too damaged to open was moved, or {@code null}
 * @param sessions sessions found
 * @param expiredSessions sessions removed because they expired while the broker was down
 * @param queueEntries queue entries found
 * @param droppedQueueEntries queued entries removed because their message expired or was missing
 * @param orphanMessages messages removed because no queue referenced them any more
 * @param orphanClientKeys subscriptions and inbound QoS 2 ids removed because their session did not
 *     exist, plus expired retained messages
 * @param messages messages kept
 */
public record RecoveryReport(int walCorruptions, long walBytesDropped, List<String> walMessages, Path movedAsideTo,
        int sessions, int expiredSessions, long queueEntries, long droppedQueueEntries, long orphanMessages,
        long orphanClientKeys, long messages) {

    public RecoveryReport {
        walMessages = List.copyOf(walMessages);
    }

    /** The WAL part of a report, before the store's own scan. */
    static RecoveryReport wal(int corruptions, long bytesDropped, List<String> messages, Path movedAsideTo) {
        return new RecoveryReport(corruptions, bytesDropped, messages, movedAsideTo, 0, 0, 0, 0, 0, 0, 0);
    }

    /** This report with the results of the store's scan. */
    RecoveryReport withScan(int sessionCount, int expired, long entries, long droppedEntries, long orphans,
            long orphanKeys, long messageCount) {
        return new RecoveryReport(walCorruptions, walBytesDropped, walMessages, movedAsideTo, sessionCount, expired,
                entries, droppedEntries, orphans, orphanKeys, messageCount);
    }

    /** Whether anything was lost or repaired that an operator should hear about. */
    public boolean hasDamage() {
        return walCorruptions > 0 || movedAsideTo != null;
    }
}
