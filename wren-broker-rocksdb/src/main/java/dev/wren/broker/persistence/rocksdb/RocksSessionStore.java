package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.persistence.SessionStore;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.Will;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SessionStore} on RocksDB. Keeps the session records in memory as well, because a
 * disconnect rewrites the record with a field (protocol level) the broker does not pass again.
 * The will in a record is the pending one: the CONNECT's while online, the one passed to
 * {@link #disconnected(String, long, long, Will)} while offline.
 *
 * <p>Thread-safe.
 */
final class RocksSessionStore implements SessionStore {
    private final DurableStore store;
    private final LiveEntries live;
    private final Map<String, StoredSession> known = new ConcurrentHashMap<>();

    RocksSessionStore(DurableStore store, LiveEntries live) {
        this.store = store;
        this.live = live;
    }

    /** Called by the loader for every session on disk. */
    void loaded(StoredSession session) {
        known.put(session.clientId(), session);
    }

    @Override
    public CompletionStage<Void> saveSession(String clientId, MqttVersion version, long expiryInterval, Will will) {
        return save(new StoredSession(clientId, version.level(), expiryInterval, -1, will));
    }

    /** Offline without a pending will: the CONNECT's will is not kept, so it is never restored. */
    @Override
    public CompletionStage<Void> disconnected(String clientId, long atMillis, long expiryInterval) {
        return disconnected(clientId, atMillis, expiryInterval, null);
    }

    /**
     * Rewrites the session record as offline since {@code atMillis} with {@code pendingWill} in
     * place of the CONNECT's will; called again with {@code null} once the will was published.
     */
    @Override
    public CompletionStage<Void> disconnected(String clientId, long atMillis, long expiryInterval, Will pendingWill) {
        StoredSession previous = known.get(clientId);
        int level = previous != null ? previous.protocolVersion() : MqttVersion.V5.level();
        return save(new StoredSession(clientId, level, expiryInterval, atMillis, pendingWill));
    }

    @Override
    public CompletionStage<Void> removeSession(String clientId) {
        known.remove(clientId);
        return store.commit(store.stageRemoveSession(new Batch(), clientId, live.removeClient(clientId)));
    }

    @Override
    public CompletionStage<Void> subscribe(String clientId,
            List<dev.wren.broker.persistence.StoredSubscription> subscriptions) {
        Batch batch = new Batch();
        for (dev.wren.broker.persistence.StoredSubscription s : subscriptions) {
            store.stageSubscribe(batch, new StoredSubscription(clientId, s.subscription(), s.subscriptionId()));
        }
        return store.commit(batch);
    }

    @Override
    public CompletionStage<Void> unsubscribe(String clientId, List<String> filters) {
        Batch batch = new Batch();
        filters.forEach(f -> store.stageUnsubscribe(batch, clientId, f));
        return store.commit(batch);
    }

    @Override
    public CompletionStage<Void> inboundReleased(String clientId, int packetId) {
        return store.commit(store.stageInboundReleased(new Batch(), clientId, packetId));
    }

    private CompletionStage<Void> save(StoredSession session) {
        known.put(session.clientId(), session);
        return store.commit(store.stageSession(new Batch(), session));
    }
}
