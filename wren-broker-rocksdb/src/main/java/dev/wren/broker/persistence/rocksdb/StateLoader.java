package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.persistence.StoredState;
import dev.wren.broker.session.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads everything back for the broker at start-up and primes the in-memory indexes
 * ({@link LiveEntries}, the session records). A message shared by many queues is decoded once
 * and the same {@link Message} instance is handed to each of them, as it was before the restart.
 *
 * <p>Not thread-safe: runs once, before the broker opens its listener.
 */
final class StateLoader {
    private final DurableStore store;
    private final LiveEntries live;
    private final RocksSessionStore sessions;
    private final Map<Long, Message> messages = new HashMap<>();

    StateLoader(DurableStore store, LiveEntries live, RocksSessionStore sessions) {
        this.store = store;
        this.live = live;
        this.sessions = sessions;
    }

    StoredState load() {
        List<StoredState.StoredSession> out = new ArrayList<>();
        for (StoredSession s : store.sessions()) {
            sessions.loaded(s);
            out.add(new StoredState.StoredSession(s.clientId(), Conversions.version(s.protocolVersion()),
                    s.expiryIntervalSeconds(), s.will(), Math.max(0, s.disconnectedAtMillis()), subscriptions(s),
                    queue(s.clientId()), store.inbound(s.clientId())));
        }
        List<Message> retained = store.retained().stream().map(Conversions::toMessage).toList();
        return new StoredState(out, retained);
    }

    private List<dev.wren.broker.persistence.StoredSubscription> subscriptions(StoredSession s) {
        return store.subscriptions(s.clientId()).stream()
                .map(sub -> new dev.wren.broker.persistence.StoredSubscription(sub.subscription(),
                        sub.subscriptionIdentifier()))
                .toList();
    }

    private List<StoredState.StoredDelivery> queue(String clientId) {
        List<StoredState.StoredDelivery> out = new ArrayList<>();
        for (QueueEntry e : store.queue(clientId)) {
            Message m = messages.computeIfAbsent(e.messageId(), id -> {
                StoredMessage stored = store.message(id);
                return stored == null ? null : Conversions.toMessage(stored);
            });
            if (m == null) {
                // The recovery scan removes entries without a message; this one lost it since.
                continue;
            }
            live.put(e);
            out.add(new StoredState.StoredDelivery(e.seq(), m, e.qos(), e.retain(), e.subscriptionIds(), e.packetId(),
                    e.state() == QueueEntry.State.RELEASED));
        }
        return out;
    }
}
