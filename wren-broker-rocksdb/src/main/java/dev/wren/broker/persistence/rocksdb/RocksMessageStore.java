package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.QueuedDelivery;
import dev.wren.broker.persistence.StoredState.StoredDelivery;
import dev.wren.broker.session.Message;
import dev.wren.codec.QoS;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * {@link MessageStore} on RocksDB: a message is stored once with one small queue entry per
 * persistent session (and the publisher's QoS 2 packet id) in one atomic group-committed write.
 *
 * <p>Thread-safe.
 */
final class RocksMessageStore implements MessageStore {
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private static final int SWEEP_EVERY = 1024;

    private final DurableStore store;
    private final LiveEntries live;
    /**
     * Queue entries whose {@code stored} write the committer has not taken yet, by seq: an
     * acknowledgement that arrives meanwhile cancels the entry's put (and the message's, with its
     * last reference) instead of writing a delete. Entries of sealed batches are useless; an
     * acknowledgement removes its own, and a sweep every {@link #SWEEP_EVERY} stores (on average)
     * removes those of deliveries still waiting (offline sessions), so the map stays about as large
     * as what waits for the commit thread.
     */
    private final Map<Long, Origin> unsealed = new ConcurrentHashMap<>();

    /**
     * Where the puts of one {@code stored} call are in its batch: the message at {@code messageOp},
     * the entry of seq {@code firstSeq + i} at {@code firstEntryOp + i}.
     */
    private record Origin(Batch batch, long firstSeq, int messageOp, int firstEntryOp) {}

    RocksMessageStore(DurableStore store, LiveEntries live) {
        this.store = store;
        this.live = live;
    }

    @Override
    public Stored stored(Message message, List<QueuedDelivery> deliveries, String publisherClientId,
            int inboundQos2PacketId) {
        long firstSeq = store.reserveSeqs(deliveries.size());
        if (deliveries.isEmpty() && inboundQos2PacketId == 0) {
            return new Stored(firstSeq, DONE);
        }
        Batch batch = new Batch();
        if (!deliveries.isEmpty()) {
            long now = store.engine().config().clock().millis();
            StoredMessage stored = Conversions.toStored(store.nextMessageId(), message, publisherClientId, now);
            List<QueueEntry> entries = new ArrayList<>(deliveries.size());
            for (int i = 0; i < deliveries.size(); i++) {
                QueuedDelivery d = deliveries.get(i);
                entries.add(QueueEntry.queued(d.clientId(), firstSeq + i, stored.id(), d.qos(), d.retain(),
                        d.subscriptionIds(), null));
            }
            int messageOp = batch.size();
            store.stagePublish(batch, stored, entries);
            live.putAll(entries);
            Origin origin = new Origin(batch, firstSeq, messageOp, messageOp + 1);
            for (int i = 0; i < entries.size(); i++) {
                unsealed.put(firstSeq + i, origin);
            }
            if (ThreadLocalRandom.current().nextInt(SWEEP_EVERY) == 0) {
                // Amortised here, on the publishers' loops, rather than per batch on the commit thread, whose
                // time every waiting acknowledgement shares.
                sweepSealed();
            }
        }
        if (inboundQos2PacketId != 0) {
            store.stageInbound(batch, publisherClientId, inboundQos2PacketId);
        }
        return new Stored(firstSeq, store.commit(batch));
    }

    /**
     * QoS 2: the SENT state and packet id are written (the id must survive a crash: the PUBREC
     * or PUBCOMP may still come for it). QoS 1: kept in memory only, one write less per message;
     * after a crash a restored QUEUED QoS 1 entry may have been sent and goes out with DUP=1
     * [MQTT-3.3.1-1], after a clean close {@link RocksPersistence#close()} has written the ones
     * in flight, so the QUEUED ones are known unsent (DUP=0 [MQTT-3.3.1-3]).
     */
    @Override
    public CompletionStage<Void> sent(String clientId, long seq, int packetId) {
        QueueEntry previous = live.get(clientId, seq);
        if (previous != null && previous.qos() == QoS.AT_LEAST_ONCE) {
            live.replace(previous, previous.sent(packetId));
            return DONE;
        }
        return update(clientId, seq, e -> e.sent(packetId));
    }

    /** Forgets the cancellable puts of batches the committer has taken; returns how many remain. */
    int sweepSealed() {
        unsealed.values().removeIf(o -> o.batch().isSealed());
        return unsealed.size();
    }

    @Override
    public CompletionStage<Void> acked(String clientId, long seq) {
        return remove(clientId, seq);
    }

    @Override
    public CompletionStage<Void> released(String clientId, long seq) {
        return update(clientId, seq, QueueEntry::released);
    }

    @Override
    public CompletionStage<Void> dropped(String clientId, long seq) {
        return remove(clientId, seq);
    }

    @Override
    public boolean pagesQueues() {
        return true;
    }

    /**
     * Reads the queue from the disk (committed entries only); skips entries sent meanwhile (the
     * in-memory state decides: sending QoS 1 is not written).
     */
    @Override
    public List<StoredDelivery> queuePage(String clientId, long fromSeq, int limit) {
        List<StoredDelivery> out = new ArrayList<>();
        for (QueueEntry e : store.queuePage(clientId, fromSeq, limit)) {
            QueueEntry now = live.get(clientId, e.seq());
            StoredMessage m = now != null && now.state() == QueueEntry.State.QUEUED ? store.message(e.messageId()) : null;
            if (m != null) {
                out.add(new StoredDelivery(e.seq(), Conversions.toMessage(m), e.qos(), e.retain(),
                        e.subscriptionIds(), 0, false, false));
            }
        }
        return out;
    }

    private CompletionStage<Void> update(String clientId, long seq, UnaryOperator<QueueEntry> change) {
        QueueEntry previous = live.get(clientId, seq);
        if (previous == null) {
            // Not a persistent delivery, or its session was removed meanwhile: nothing on disk to change.
            return DONE;
        }
        QueueEntry updated = change.apply(previous);
        live.put(updated);
        unsealed.remove(seq); // a second write for this key now: its first put must stay, never cancel it
        return store.commit(store.stageUpdate(new Batch(), previous, updated));
    }

    private CompletionStage<Void> remove(String clientId, long seq) {
        QueueEntry entry = live.remove(clientId, seq);
        if (entry == null) {
            return DONE;
        }
        Origin origin = unsealed.remove(seq);
        if (origin != null && origin.batch().cancel(origin.firstEntryOp() + (int) (seq - origin.firstSeq()))) {
            // Acknowledged before its own write reached the committer: neither the put nor a delete is written.
            if (store.releaseUnwritten(entry.messageId()) && !origin.batch().cancel(origin.messageOp())) {
                return store.commit(store.stageDeleteMessage(new Batch(), entry.messageId()));
            }
            return DONE;
        }
        return store.commit(store.stageRemove(new Batch(), entry));
    }
}
