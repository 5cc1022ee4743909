package dev.wren.broker.persistence.rocksdb;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's own consistency pass on open, after RocksDB's WAL recovery: rebuilds message
 * reference counts and the id counters, and removes what expired while the broker was down
 * (sessions, queued messages) and messages nobody references any more. Sessions that were
 * connected when the broker stopped count as disconnected at open time, so that their expiry
 * starts now. An expired session with a pending will is kept: the broker publishes the will and
 * then removes the session. All repairs go to disk in one synchronous commit before the store is used.
 *
 * <p>Not thread-safe: runs once, on the opening thread, before the store is shared.
 */
final class RecoveryScan {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryScan.class);

    private final RocksStore store;
    private final MessageRefs refs;
    private final long now;
    private final Batch repairs = new Batch();
    private final Set<String> liveClients = new HashSet<>();
    private final Map<Long, Long> messageExpiry = new HashMap<>();
    private int sessions;
    private int expiredSessions;
    private long entries;
    private long droppedEntries;
    private long orphans;
    private long orphanKeys;
    private long maxSeq;
    private long maxMessageId;

    RecoveryScan(RocksStore store, MessageRefs refs) {
        this.store = store;
        this.refs = refs;
        this.now = store.config().clock().millis();
    }

    /** Runs the pass; returns the full report. */
    RecoveryReport run() {
        scanSessions();
        scanMessages();
        scanQueue();
        sweepOrphans();
        sweepClientKeys(Table.SUBSCRIPTIONS);
        sweepClientKeys(Table.INBOUND);
        sweepExpiredRetained();
        if (!repairs.isEmpty()) {
            store.commit(repairs).join();
        }
        RecoveryReport report = store.walReport().withScan(sessions, expiredSessions, entries, droppedEntries,
                orphans, orphanKeys, messageExpiry.size() - orphans);
        LOG.info("opened store {}: {}", store.config().dir(), report);
        return report;
    }

    long maxSeq() {
        return maxSeq;
    }

    long maxMessageId() {
        return maxMessageId;
    }

    private void scanSessions() {
        store.scan(Table.SESSIONS, new byte[0], (key, value) -> {
            StoredSession s = Records.decodeSession(Keys.utf8(key), value);
            sessions++;
            StoredSession asOfNow = s.disconnectedAtMillis() < 0 ? s.disconnectedAt(now) : s;
            // An expired session that still owes its will is left for the broker, which publishes
            // the will late (it was due when the session ended) and then removes the session.
            if (asOfNow.isExpired(now) && asOfNow.will() == null) {
                expiredSessions++;
                DurableStore.stageDeleteClient(repairs, s.clientId());
                return;
            }
            liveClients.add(s.clientId());
            if (asOfNow != s) {
                repairs.put(Table.SESSIONS, key, Records.encodeSession(asOfNow));
            }
        });
    }

    /** Reads only the id and the expiry time of each message, not its payload. */
    private void scanMessages() {
        store.scan(Table.MESSAGES, new byte[0], (key, value) -> {
            long id = Keys.longAt(key, 0);
            messageExpiry.put(id, Records.messageExpiresAt(value));
            maxMessageId = Math.max(maxMessageId, id);
        });
    }

    private void scanQueue() {
        store.scan(Table.QUEUE, new byte[0], (key, value) -> {
            String clientId = Keys.clientOf(key);
            long seq = Keys.longAt(Keys.suffix(key), 0);
            maxSeq = Math.max(maxSeq, seq);
            if (!liveClients.contains(clientId)) {
                repairs.delete(Table.QUEUE, key);
                return;
            }
            QueueEntry e = Records.decodeQueueEntry(clientId, seq, value);
            entries++;
            Long expiresAt = messageExpiry.get(e.messageId());
            boolean missing = expiresAt == null;
            boolean expired = !missing && e.state() == QueueEntry.State.QUEUED && expiresAt >= 0 && now >= expiresAt;
            if (missing || expired) {
                droppedEntries++;
                repairs.delete(Table.QUEUE, key);
                return;
            }
            refs.add(e.messageId(), 1);
        });
    }

    /**
     * Deletes per-client keys without a session: e.g. the inbound QoS 2 id of a publisher whose
     * session was never stored, which no {@code removeSession} would ever clean up.
     */
    private void sweepClientKeys(Table table) {
        store.scan(table, new byte[0], (key, value) -> {
            if (!liveClients.contains(Keys.clientOf(key))) {
                orphanKeys++;
                repairs.delete(table, key);
            }
        });
    }

    /** Retained messages whose Message Expiry Interval ran out while the broker was down [MQTT-3.3.2-5]. */
    private void sweepExpiredRetained() {
        store.scan(Table.RETAINED, new byte[0], (key, value) -> {
            long expiresAt = Records.messageExpiresAt(value);
            if (expiresAt >= 0 && now >= expiresAt) {
                orphanKeys++;
                repairs.delete(Table.RETAINED, key);
            }
        });
    }

    private void sweepOrphans() {
        for (Long id : messageExpiry.keySet()) {
            if (refs.count(id) == 0) {
                orphans++;
                repairs.delete(Table.MESSAGES, Keys.message(id));
            }
        }
    }
}
