package dev.wren.broker.connection;

import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.QueuedDelivery;
import dev.wren.broker.persistence.RetainedPersistence;
import dev.wren.broker.persistence.SessionStore;
import dev.wren.broker.persistence.StoredState;
import dev.wren.broker.persistence.StoredSubscription;
import dev.wren.broker.session.Message;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.Will;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A durable-looking store whose writes complete only when the test says so; records every call. */
final class DeferredPersistence implements Persistence, SessionStore, MessageStore, RetainedPersistence {
    final List<String> calls = new ArrayList<>();
    final List<CompletableFuture<Void>> pending = new ArrayList<>();
    StoredState state = StoredState.EMPTY;
    boolean restoresWills;
    private long seq = 1;

    private CompletionStage<Void> record(String call) {
        calls.add(call);
        CompletableFuture<Void> f = new CompletableFuture<>();
        pending.add(f);
        return f;
    }

    /** Completes every pending write (on the test thread, like a store's commit thread). */
    void completeAll() {
        List<CompletableFuture<Void>> now = List.copyOf(pending);
        pending.clear();
        now.forEach(f -> f.complete(null));
    }

    @Override public SessionStore sessions() { return this; }
    @Override public MessageStore messages() { return this; }
    @Override public RetainedPersistence retained() { return this; }
    @Override public StoredState load() { return state; }
    @Override public void close() { }

    @Override
    public CompletionStage<Void> saveSession(String clientId, MqttVersion version, long expiryInterval, Will will) {
        return record("saveSession " + clientId + " " + expiryInterval);
    }

    @Override
    public CompletionStage<Void> disconnected(String clientId, long atMillis, long expiryInterval) {
        return record("disconnected " + clientId);
    }

    @Override
    public CompletionStage<Void> disconnected(String clientId, long atMillis, long expiryInterval, Will pendingWill) {
        return record("disconnected " + clientId + " at=" + atMillis + " will=" + (pendingWill == null ? "none"
                : pendingWill.topic()));
    }

    @Override
    public boolean restoresWills() {
        return restoresWills;
    }

    @Override
    public CompletionStage<Void> removeSession(String clientId) {
        return record("removeSession " + clientId);
    }

    @Override
    public CompletionStage<Void> subscribe(String clientId, List<StoredSubscription> subscriptions) {
        return record("subscribe " + clientId + " " + subscriptions.size());
    }

    @Override
    public CompletionStage<Void> unsubscribe(String clientId, List<String> filters) {
        return record("unsubscribe " + clientId + " " + filters);
    }

    @Override
    public CompletionStage<Void> inboundReleased(String clientId, int packetId) {
        return record("inboundReleased " + clientId + " " + packetId);
    }

    @Override
    public Stored stored(Message message, List<QueuedDelivery> deliveries, String publisher, int inboundQos2PacketId) {
        long first = seq;
        seq += Math.max(1, deliveries.size());
        List<String> to = deliveries.stream().map(QueuedDelivery::clientId).toList();
        return new Stored(first, record("stored " + message.topic() + " " + to + " qos2id=" + inboundQos2PacketId
                + " seq=" + first));
    }

    @Override
    public CompletionStage<Void> sent(String clientId, long s, int packetId) {
        return record("sent " + clientId + " " + s);
    }

    @Override
    public CompletionStage<Void> acked(String clientId, long s) {
        return record("acked " + clientId + " " + s);
    }

    @Override
    public CompletionStage<Void> released(String clientId, long s) {
        return record("released " + clientId + " " + s);
    }

    @Override
    public CompletionStage<Void> dropped(String clientId, long s) {
        return record("dropped " + clientId + " " + s);
    }

    @Override
    public CompletionStage<Void> retain(Message message) {
        return record("retain " + message.topic());
    }
}
