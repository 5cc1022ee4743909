package dev.wren.broker.persistence.rocksdb;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current state of every queue entry, by client id and seq: the broker refers to a delivery
 * by {@code (clientId, seq)} only, and may send or acknowledge it before its first write has
 * reached disk, so the store cannot look entries up on disk. Holds small records only; the
 * messages themselves stay in RocksDB (and in the broker's session queues).
 *
 * <p>Thread-safe: a publisher's loop adds entries while sessions' loops update and remove them.
 */
final class LiveEntries {
    private final Map<String, Map<Long, QueueEntry>> byClient = new ConcurrentHashMap<>();

    void put(QueueEntry e) {
        byClient.computeIfAbsent(e.clientId(), c -> new ConcurrentHashMap<>()).put(e.seq(), e);
    }

    void putAll(List<QueueEntry> entries) {
        entries.forEach(this::put);
    }

    /** Replaces {@code previous} by {@code updated} unless it was removed (acknowledged) meanwhile. */
    void replace(QueueEntry previous, QueueEntry updated) {
        Map<Long, QueueEntry> entries = byClient.get(previous.clientId());
        if (entries != null) {
            entries.replace(previous.seq(), previous, updated);
        }
    }

    /** The entry, or {@code null} if unknown (already acknowledged, or its session removed). */
    QueueEntry get(String clientId, long seq) {
        Map<Long, QueueEntry> entries = byClient.get(clientId);
        return entries == null ? null : entries.get(seq);
    }

    QueueEntry remove(String clientId, long seq) {
        Map<Long, QueueEntry> entries = byClient.get(clientId);
        return entries == null ? null : entries.remove(seq);
    }

    /** QoS 1 entries sent and not acknowledged: their SENT state is kept here only, not on disk. */
    List<QueueEntry> unwrittenQos1InFlight() {
        List<QueueEntry> out = new java.util.ArrayList<>();
        for (Map<Long, QueueEntry> entries : byClient.values()) {
            for (QueueEntry e : entries.values()) {
                if (e.state() == QueueEntry.State.SENT && e.qos() == dev.wren.codec.QoS.AT_LEAST_ONCE) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Forgets a whole session and returns its entries. */
    Collection<QueueEntry> removeClient(String clientId) {
        Map<Long, QueueEntry> entries = byClient.remove(clientId);
        return entries == null ? List.of() : entries.values();
    }
}
