package dev.wren.broker.routing;

import dev.wren.broker.session.Delivery;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.Publisher;
import dev.wren.broker.session.Session;
import dev.wren.codec.QoS;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Collects the index matches of one message and turns them into deliveries: one per
 * subscribed session (the highest granted QoS of its matching subscriptions, all their
 * Subscription Identifiers [MQTT-3.3.4-3]) and one per shared group.
 *
 * <p>Thread confinement: one instance per thread (a reusable scratch object), used by one
 * {@link Router#publish} call at a time.
 */
final class Matches implements Consumer<Target> {
    private final List<ClientSubscription> subs = new ArrayList<>();
    private final List<SharedGroup> groups = new ArrayList<>();
    /** Above this many matches the session map is dropped after use rather than emptied and kept. */
    private static final int LARGE = 16_384;
    /** Scratch of {@link #dispatchMerged}: session to its first match, or to its {@link Merge}. */
    private IdentityHashMap<Session, Object> bySession = new IdentityHashMap<>();
    /** Pool of {@link Merge}s; the first {@link #mergesUsed} are in use for the current message. */
    private final List<Merge> merges = new ArrayList<>();
    private int mergesUsed;
    /** Above this many merged sessions the pool is dropped after use. */
    private static final int LARGE_MERGES = 1_024;
    private final BiConsumer<Session, Delivery> enqueue = (s, d) -> s.enqueue(d, this.publisher);
    private Message message;
    private Publisher publisher;

    /** Starts collecting for {@code m}, routed from {@code from} (or {@code null}: no back-pressure). */
    void begin(Message m, Publisher from) {
        this.message = m;
        this.publisher = from;
    }

    @Override
    public void accept(Target t) {
        switch (t) {
            case ClientSubscription c -> {
                // No Local: never back to the publishing client id [MQTT-3.8.3-3]
                if (!(c.noLocal() && c.session().clientId().equals(message.origin()))) {
                    subs.add(c);
                }
            }
            case SharedGroup g -> groups.add(g);
        }
    }

    /** Enqueues the deliveries (telling the publisher about congested targets); returns the number reached. */
    int dispatch() {
        return dispatch(enqueue);
    }

    /** Hands each delivery with its target session to {@code sink}; returns the number reached. */
    int dispatch(BiConsumer<Session, Delivery> sink) {
        int reached = 0;
        if (subs.size() == 1) {
            ClientSubscription c = subs.get(0);
            sink.accept(c.session(), single(c));
            reached = 1;
        } else if (!subs.isEmpty()) {
            reached = dispatchMerged(sink);
        }
        for (SharedGroup g : groups) {
            if (g.deliver(message, sink)) {
                reached++;
            }
        }
        return reached;
    }

    private Delivery single(ClientSubscription c) {
        return new Delivery(message, QoS.min(message.qos(), c.qos()), message.retain() && c.retainAsPublished(),
                c.ids(), null);
    }

    /**
     * Several matches: usually each of another session (plain fan-out), which costs one
     * {@link Delivery} each and nothing else once the scratch map has grown. Only sessions
     * matched more than once (overlapping subscriptions) get a {@link Merge}.
     */
    private int dispatchMerged(BiConsumer<Session, Delivery> sink) {
        Map<Session, Object> seen = bySession;
        boolean overlap = false;
        for (ClientSubscription c : subs) {
            Object first = seen.putIfAbsent(c.session(), c);
            if (first != null) {
                overlap = true;
                if (first instanceof Merge m) {
                    m.add(c);
                } else {
                    Merge m = startMerge((ClientSubscription) first);
                    m.add(c);
                    seen.put(c.session(), m);
                }
            }
        }
        int reached = 0;
        for (ClientSubscription c : subs) {
            if (!overlap || seen.get(c.session()) == c) { // the session's only match
                sink.accept(c.session(), single(c));
                reached++;
            }
        }
        for (int i = 0; i < mergesUsed; i++) {
            Merge m = merges.get(i);
            sink.accept(m.session, new Delivery(message, QoS.min(message.qos(), m.granted),
                    message.retain() && m.retainAsPublished, List.copyOf(m.ids), null));
            reached++;
        }
        return reached;
    }

    /** A {@link Merge} from the pool (reused from message to message), started with {@code first}. */
    private Merge startMerge(ClientSubscription first) {
        if (mergesUsed == merges.size()) {
            merges.add(new Merge());
        }
        Merge m = merges.get(mergesUsed++);
        m.session = first.session();
        m.granted = QoS.AT_MOST_ONCE;
        m.retainAsPublished = false;
        m.ids.clear();
        m.add(first);
        return m;
    }

    /** The matches of one session with several matching subscriptions [MQTT-3.3.4-3]. Reused. */
    private static final class Merge {
        Session session;
        QoS granted;
        boolean retainAsPublished;
        final List<Integer> ids = new ArrayList<>(4);

        void add(ClientSubscription c) {
            granted = c.qos().value() > granted.value() ? c.qos() : granted;
            retainAsPublished |= c.retainAsPublished();
            if (c.subscriptionId() != 0) {
                ids.add(c.subscriptionId());
            }
        }
    }

    void clear() {
        if (subs.size() > 1) {
            if (subs.size() > LARGE) {
                bySession = new IdentityHashMap<>(); // do not keep a huge table for every later message
            } else {
                for (ClientSubscription c : subs) {
                    bySession.remove(c.session()); // O(matches), where clear() would be O(table)
                }
            }
        }
        for (int i = 0; i < mergesUsed; i++) {
            merges.get(i).session = null; // no session kept alive by the scratch
        }
        if (mergesUsed > LARGE_MERGES) {
            merges.clear();
        }
        mergesUsed = 0;
        subs.clear();
        groups.clear();
        message = null;
        publisher = null;
    }
}
