package dev.wren.broker.persistence;

import dev.wren.broker.session.Message;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.Will;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory back end: every call completes at once and nothing is kept, because the
 * broker's session objects and retained trie already hold the state; {@link #load()} is empty.
 * Thread-safe (stateless apart from an atomic sequence counter).
 */
public final class MemoryPersistence implements Persistence, SessionStore, MessageStore, RetainedPersistence {
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private final AtomicLong seq = new AtomicLong();

    @Override
    public SessionStore sessions() {
        return this;
    }

    @Override
    public MessageStore messages() {
        return this;
    }

    @Override
    public RetainedPersistence retained() {
        return this;
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public StoredState load() {
        return StoredState.EMPTY;
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public CompletionStage<Void> saveSession(String clientId, MqttVersion version, long expiryInterval, Will will) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> disconnected(String clientId, long atMillis, long expiryInterval) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> removeSession(String clientId) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> subscribe(String clientId, List<StoredSubscription> subscriptions) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> unsubscribe(String clientId, List<String> filters) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> inboundReleased(String clientId, int packetId) {
        return DONE;
    }

    @Override
    public Stored stored(Message message, List<QueuedDelivery> deliveries, String publisherClientId,
            int inboundQos2PacketId) {
        return new Stored(seq.getAndAdd(Math.max(1, deliveries.size())), DONE);
    }

    @Override
    public CompletionStage<Void> sent(String clientId, long s, int packetId) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> acked(String clientId, long s) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> released(String clientId, long s) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> dropped(String clientId, long s) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> retain(Message message) {
        return DONE;
    }
}
