package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.QueuedDelivery;
import dev.wren.broker.session.Message;
import dev.wren.codec.QoS;
import java.util.ArrayList;
import java.util.List;
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

    private final DurableStore store;
    private final LiveEntries live;

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
            store.stagePublish(batch, stored, entries);
            live.putAll(entries);
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

    private CompletionStage<Void> update(String clientId, long seq, UnaryOperator<QueueEntry> change) {
        QueueEntry previous = live.get(clientId, seq);
        if (previous == null) {
            // Not a persistent delivery, or its session was removed meanwhile: nothing on disk to change.
            return DONE;
        }
        QueueEntry updated = change.apply(previous);
        live.put(updated);
        return store.commit(store.stageUpdate(new Batch(), previous, updated));
    }

    private CompletionStage<Void> remove(String clientId, long seq) {
        QueueEntry entry = live.remove(clientId, seq);
        if (entry == null) {
            return DONE;
        }
        return store.commit(store.stageRemove(new Batch(), entry));
    }
}
