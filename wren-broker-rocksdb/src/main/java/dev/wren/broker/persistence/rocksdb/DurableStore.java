package dev.wren.broker.persistence.rocksdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Typed durable operations over a {@link RocksStore}: sessions, subscriptions, messages stored
 * once and referenced from session queues, inbound QoS 2 ids and retained messages.
 *
 * <p>Writes come in two forms: {@code stage*} methods append to a caller's {@link Batch} so
 * that several changes that one acknowledgement depends on go to disk atomically (a QoS 2
 * PUBLISH: the message, its queue entries and the inbound packet id), and {@link #commit}
 * sends the batch to the group committer. Wait for the returned future before sending the
 * acknowledgement.
 *
 * <p>Thread-safe. Reads see committed data only; a caller that needs read-your-writes waits for
 * its commit first.
 */
public final class DurableStore implements AutoCloseable {
    private final RocksStore store;
    private final MessageRefs refs = new MessageRefs();
    private final AtomicLong messageIds;
    private final AtomicLong seqs;
    private final RecoveryReport report;
    private final boolean cleanShutdown;

    private DurableStore(RocksStore store) {
        this.store = store;
        RecoveryScan scan = new RecoveryScan(store, refs);
        this.report = scan.run();
        this.messageIds = new AtomicLong(scan.maxMessageId());
        this.seqs = new AtomicLong(scan.maxSeq());
        this.cleanShutdown = takeCleanShutdownMarker();
    }

    /**
     * Reads and deletes the clean-shutdown marker, durably in both modes before anything can be
     * sent: if this run dies, the next open must not take its QUEUED QoS 1 entries as unsent.
     */
    private boolean takeCleanShutdownMarker() {
        if (store.get(Table.META, Keys.CLEAN_SHUTDOWN) == null) {
            return false;
        }
        store.commit(new Batch().delete(Table.META, Keys.CLEAN_SHUTDOWN)).join();
        store.syncWal();
        return true;
    }

    /**
     * Whether the store was closed cleanly last time ({@link #closeCleanly}): then a QoS 1 entry
     * stored as QUEUED was never sent; otherwise it may have been, since sending QoS 1 is not
     * written (see {@code RocksMessageStore#sent}).
     */
    public boolean wasClosedCleanly() {
        return cleanShutdown;
    }

    /**
     * Writes {@code inFlight} (the QoS 1 entries sent but not acknowledged, whose SENT state
     * was kept in memory only) and the clean-shutdown marker in one write, then closes.
     */
    void closeCleanly(Collection<QueueEntry> inFlight) {
        Batch batch = new Batch();
        for (QueueEntry e : inFlight) {
            stageEntry(batch, e);
        }
        batch.put(Table.META, Keys.CLEAN_SHUTDOWN, new byte[] {1});
        try {
            store.commit(batch).join();
        } catch (RuntimeException e) {
            // Without the marker the next open treats every QUEUED QoS 1 entry as possibly sent (DUP=1): safe.
            org.slf4j.LoggerFactory.getLogger(DurableStore.class).warn(
                    "could not record the clean shutdown; queued QoS 1 messages will be sent with DUP=1 after restart", e);
        }
        close();
    }

    /** Opens the store, runs recovery and returns it ready for use; see {@link RocksStore#open}. */
    public static DurableStore open(StoreConfig config) {
        try {
            return recover(RocksStore.open(config));
        } catch (StoreException | CorruptRecordException e) {
            // RocksDB opened, but a block or record is unreadable: the same choice as a failed open.
            StoreOpenException unreadable = OpenErrors.unreadable(config.dir(), e);
            return recover(RocksStore.moveAsideAndReopen(config, unreadable));
        }
    }

    private static DurableStore recover(RocksStore store) {
        try {
            return new DurableStore(store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** What recovery found on open. */
    public RecoveryReport recoveryReport() {
        return report;
    }

    /** The engine, for stats, properties and compaction. */
    public RocksStore engine() {
        return store;
    }

    /** A new message id, unique in this store. */
    public long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    /** A new queue sequence number, greater than every one handed out before. */
    public long nextSeq() {
        return seqs.incrementAndGet();
    }

    /** Reserves {@code n} consecutive sequence numbers and returns the first. */
    public long reserveSeqs(int n) {
        return seqs.getAndAdd(Math.max(1, n)) + 1;
    }

    /** Commits {@code batch}; the future completes when it is durable. */
    public CompletableFuture<Void> commit(Batch batch) {
        return store.commit(batch);
    }

    /** Creates or replaces a session record (not its subscriptions or queue). */
    public Batch stageSession(Batch batch, StoredSession session) {
        return batch.put(Table.SESSIONS, Keys.session(session.clientId()), Records.encodeSession(session));
    }

    /**
     * Deletes a session with all its subscriptions, queue entries and inbound ids, and releases
     * the messages only it referenced.
     *
     * @param entries every queue entry of the session, including those not committed yet (the
     *     caller's in-memory view); an entry missing here keeps its message until the next open
     */
    public Batch stageRemoveSession(Batch batch, String clientId, Collection<QueueEntry> entries) {
        for (QueueEntry e : entries) {
            releaseRef(batch, e.messageId());
        }
        return stageDeleteClient(batch, clientId);
    }

    static Batch stageDeleteClient(Batch batch, String clientId) {
        byte[] prefix = Keys.clientPrefix(clientId);
        byte[] end = Keys.prefixEnd(prefix);
        batch.delete(Table.SESSIONS, Keys.session(clientId));
        for (Table t : new Table[] {Table.SUBSCRIPTIONS, Table.QUEUE, Table.INBOUND}) {
            batch.deleteRange(t, prefix, end);
        }
        return batch;
    }

    /** Creates or replaces one subscription (same filter = same key). */
    public Batch stageSubscribe(Batch batch, StoredSubscription sub) {
        byte[] key = Keys.subscription(sub.clientId(), sub.subscription().filter().value());
        return batch.put(Table.SUBSCRIPTIONS, key, Records.encodeSubscription(sub));
    }

    /** Removes one subscription. */
    public Batch stageUnsubscribe(Batch batch, String clientId, String filter) {
        return batch.delete(Table.SUBSCRIPTIONS, Keys.subscription(clientId, filter));
    }

    /**
     * Stores {@code message} once with every queue entry that references it. Nothing is
     * written when {@code entries} is empty: a message no persistent session waits for needs no disk.
     */
    public Batch stagePublish(Batch batch, StoredMessage message, List<QueueEntry> entries) {
        if (entries.isEmpty()) {
            return batch;
        }
        refs.add(message.id(), entries.size());
        batch.put(Table.MESSAGES, Keys.message(message.id()), Records.encodeMessage(message));
        for (QueueEntry e : entries) {
            stageEntry(batch, e);
        }
        return batch;
    }

    /**
     * Adds one more reference to a stored message, e.g. when a shared subscription hands a
     * message to another member. The caller must hold a reference already.
     */
    public Batch stageEnqueue(Batch batch, QueueEntry entry) {
        refs.add(entry.messageId(), 1);
        return stageEntry(batch, entry);
    }

    /** Records a state change of an entry (sent, released); {@code previous} is the entry as last staged. */
    public Batch stageUpdate(Batch batch, QueueEntry previous, QueueEntry updated) {
        if (previous.messageId() != 0 && updated.messageId() == 0) {
            releaseRef(batch, previous.messageId());
        }
        return stageEntry(batch, updated);
    }

    /** Removes an entry (PUBACK, PUBCOMP, expiry or drop) and the message if that was its last reference. */
    public Batch stageRemove(Batch batch, QueueEntry entry) {
        if (entry.messageId() != 0) {
            releaseRef(batch, entry.messageId());
        }
        return batch.delete(Table.QUEUE, Keys.queue(entry.clientId(), entry.seq()));
    }

    /** Remembers an inbound QoS 2 packet id until PUBREL [MQTT-4.3.3-10] (3.1.1: [MQTT-4.3.3-2]). */
    public Batch stageInbound(Batch batch, String clientId, int packetId) {
        long now = store.config().clock().millis();
        return batch.put(Table.INBOUND, Keys.inbound(clientId, packetId), Records.encodeInbound(now));
    }

    /** Forgets an inbound QoS 2 packet id after PUBREL. */
    public Batch stageInboundReleased(Batch batch, String clientId, int packetId) {
        return batch.delete(Table.INBOUND, Keys.inbound(clientId, packetId));
    }

    /** Sets the retained message of its topic, or clears it for an empty payload [MQTT-3.3.1-6] (3.1.1: [MQTT-3.3.1-10]). */
    public Batch stageRetain(Batch batch, StoredMessage message) {
        byte[] key = Keys.retained(message.topic());
        if (message.payload().isEmpty()) {
            return batch.delete(Table.RETAINED, key);
        }
        return batch.put(Table.RETAINED, key, Records.encodeMessage(message.withId(0)));
    }

    /** Every stored session. */
    public List<StoredSession> sessions() {
        List<StoredSession> out = new ArrayList<>();
        store.scan(Table.SESSIONS, new byte[0], (k, v) -> out.add(Records.decodeSession(Keys.utf8(k), v)));
        return out;
    }

    /** The session of {@code clientId}, or {@code null}. */
    public StoredSession session(String clientId) {
        byte[] value = store.get(Table.SESSIONS, Keys.session(clientId));
        return value == null ? null : Records.decodeSession(clientId, value);
    }

    /** The subscriptions of {@code clientId}, ordered by filter. */
    public List<StoredSubscription> subscriptions(String clientId) {
        List<StoredSubscription> out = new ArrayList<>();
        store.scan(Table.SUBSCRIPTIONS, Keys.clientPrefix(clientId), (k, v) ->
                out.add(Records.decodeSubscription(clientId, Keys.utf8(Keys.suffix(k)), v)));
        return out;
    }

    /** The queue of {@code clientId} in delivery order: in-flight entries first by age, then queued. */
    public List<QueueEntry> queue(String clientId) {
        List<QueueEntry> out = new ArrayList<>();
        store.scan(Table.QUEUE, Keys.clientPrefix(clientId), (k, v) ->
                out.add(Records.decodeQueueEntry(clientId, Keys.longAt(Keys.suffix(k), 0), v)));
        return out;
    }

    /**
     * Up to {@code limit} entries of the queue of {@code clientId} with a seq of at least
     * {@code fromSeq}, in order: pages a long offline queue back in without loading all of it
     * (the building block for spilling queues out of the heap).
     */
    public List<QueueEntry> queuePage(String clientId, long fromSeq, int limit) {
        List<QueueEntry> out = new ArrayList<>(Math.min(limit, 1024));
        store.scanFrom(Table.QUEUE, Keys.clientPrefix(clientId), Keys.queue(clientId, fromSeq), (k, v) -> {
            out.add(Records.decodeQueueEntry(clientId, Keys.longAt(Keys.suffix(k), 0), v));
            return out.size() < limit;
        });
        return out;
    }

    /** The stored message {@code id}, or {@code null} if it was deleted. */
    public StoredMessage message(long id) {
        byte[] value = store.get(Table.MESSAGES, Keys.message(id));
        return value == null ? null : Records.decodeMessage(id, value);
    }

    /** Inbound QoS 2 packet ids of {@code clientId} still awaiting PUBREL. */
    public Set<Integer> inbound(String clientId) {
        Set<Integer> out = new HashSet<>();
        store.scan(Table.INBOUND, Keys.clientPrefix(clientId), (k, v) -> {
            byte[] suffix = Keys.suffix(k);
            out.add(((suffix[0] & 0xFF) << 8) | (suffix[1] & 0xFF));
        });
        return out;
    }

    /** Every retained message, ordered by topic. */
    public List<StoredMessage> retained() {
        List<StoredMessage> out = new ArrayList<>();
        store.scan(Table.RETAINED, new byte[0], (k, v) -> out.add(Records.decodeMessage(0, v)));
        return out;
    }

    /** How many queue entries reference message {@code id} (for tests and diagnostics). */
    public int refCount(long id) {
        return refs.count(id);
    }

    @Override
    public void close() {
        store.close();
    }

    private Batch stageEntry(Batch batch, QueueEntry e) {
        return batch.put(Table.QUEUE, Keys.queue(e.clientId(), e.seq()), Records.encodeQueueEntry(e));
    }

    /**
     * Releases a reference whose queue entry was never written (its put was cancelled before the
     * commit). Returns true if it was the last one: the caller cancels the message's put too, or
     * deletes it with {@link #stageDeleteMessage} if that is too late.
     */
    boolean releaseUnwritten(long messageId) {
        return refs.release(messageId);
    }

    /** Deletes a message whose last reference is gone. */
    Batch stageDeleteMessage(Batch batch, long messageId) {
        return batch.delete(Table.MESSAGES, Keys.message(messageId));
    }

    private void releaseRef(Batch batch, long messageId) {
        if (refs.release(messageId)) {
            batch.delete(Table.MESSAGES, Keys.message(messageId));
        }
    }
}
