package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.persistence.StoredState;
import dev.wren.broker.session.Message;
import dev.wren.codec.QoS;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads everything back for the broker at start-up and primes the in-memory indexes
 * ({@link LiveEntries}, the session records). Each table is read in one sequential pass rather
 * than one prefix scan per session, and a message shared by many queues is decoded once: the
 * same {@link Message} instance goes to each of them, as it was before the restart.
 *
 * <p>Not thread-safe: runs once, before the broker opens its listener.
 */
final class StateLoader {
    private final DurableStore store;
    private final RocksStore engine;
    private final LiveEntries live;
    private final RocksSessionStore sessions;
    private final Map<Long, Message> messages = new HashMap<>();

    StateLoader(DurableStore store, LiveEntries live, RocksSessionStore sessions) {
        this.store = store;
        this.engine = store.engine();
        this.live = live;
        this.sessions = sessions;
    }

    StoredState load() {
        Map<String, List<dev.wren.broker.persistence.StoredSubscription>> subs = subscriptions();
        Map<String, List<StoredState.StoredDelivery>> queues = queues();
        Map<String, Set<Integer>> inbound = inbound();
        List<StoredState.StoredSession> out = new ArrayList<>();
        for (StoredSession s : store.sessions()) {
            sessions.loaded(s);
            String id = s.clientId();
            out.add(new StoredState.StoredSession(id, Conversions.version(s.protocolVersion()),
                    s.expiryIntervalSeconds(), s.will(), Math.max(0, s.disconnectedAtMillis()),
                    subs.getOrDefault(id, List.of()), queues.getOrDefault(id, List.of()),
                    inbound.getOrDefault(id, Set.of())));
        }
        List<Message> retained = store.retained().stream().map(Conversions::toMessage).toList();
        return new StoredState(out, retained);
    }

    private Map<String, List<dev.wren.broker.persistence.StoredSubscription>> subscriptions() {
        Map<String, List<dev.wren.broker.persistence.StoredSubscription>> out = new HashMap<>();
        engine.scan(Table.SUBSCRIPTIONS, new byte[0], (k, v) -> {
            String clientId = Keys.clientOf(k);
            StoredSubscription s = Records.decodeSubscription(clientId, Keys.utf8(Keys.suffix(k)), v);
            out.computeIfAbsent(clientId, c -> new ArrayList<>()).add(
                    new dev.wren.broker.persistence.StoredSubscription(s.subscription(), s.subscriptionIdentifier()));
        });
        return out;
    }

    /** Keys sort by client, then seq: each list comes out in delivery order. */
    private Map<String, List<StoredState.StoredDelivery>> queues() {
        Map<String, List<StoredState.StoredDelivery>> out = new HashMap<>();
        boolean clean = store.wasClosedCleanly();
        engine.scan(Table.QUEUE, new byte[0], (k, v) -> {
            String clientId = Keys.clientOf(k);
            QueueEntry e = Records.decodeQueueEntry(clientId, Keys.longAt(Keys.suffix(k), 0), v);
            Message m = message(e.messageId());
            if (m == null) {
                // The recovery scan removed entries without a message; this one lost it since.
                return;
            }
            live.put(e);
            // sending QoS 1 is not written: unless the last close was clean, a QUEUED one may be out already
            boolean possiblySent = e.state() == QueueEntry.State.QUEUED && e.qos() == QoS.AT_LEAST_ONCE && !clean;
            out.computeIfAbsent(clientId, c -> new ArrayList<>()).add(new StoredState.StoredDelivery(e.seq(), m,
                    e.qos(), e.retain(), e.subscriptionIds(), e.packetId(), e.state() == QueueEntry.State.RELEASED,
                    possiblySent));
        });
        return out;
    }

    private Map<String, Set<Integer>> inbound() {
        Map<String, Set<Integer>> out = new HashMap<>();
        engine.scan(Table.INBOUND, new byte[0], (k, v) -> {
            byte[] suffix = Keys.suffix(k);
            out.computeIfAbsent(Keys.clientOf(k), c -> new HashSet<>()).add(((suffix[0] & 0xFF) << 8)
                    | (suffix[1] & 0xFF));
        });
        return out;
    }

    private Message message(long id) {
        return messages.computeIfAbsent(id, key -> {
            StoredMessage stored = store.message(key);
            return stored == null ? null : Conversions.toMessage(stored);
        });
    }
}
