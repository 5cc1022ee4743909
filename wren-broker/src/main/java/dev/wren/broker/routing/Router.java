package dev.wren.broker.routing;

import dev.wren.broker.retained.RetainedStore;
import dev.wren.broker.session.Delivery;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.Publisher;
import dev.wren.broker.session.Session;
import dev.wren.broker.session.SessionRouting;
import dev.wren.codec.QoS;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.Subscription;
import dev.wren.broker.metrics.SysPublisher;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.Stages;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Publish, subscribe and unsubscribe: the subscription index, the shared groups and the
 * retained store behind one facade.
 *
 * <p>Thread-safety: {@link #publish} runs on any thread (the publisher's event loop) without
 * locks: it matches the lock-free index into a per-thread {@link Matches} scratch object and
 * hands one {@link Delivery} per target to that session's inbox. Subscription changes for a
 * session run on that session's loop (its subscription map is confined there); the index and
 * retained store are thread-safe.
 */
public final class Router implements SessionRouting {
    private final TopicIndex<Object, Target> index;
    private final SharedSubscriptions shared;
    private final RetainedStore<Message> retained;
    private final FastThreadLocal<Matches> scratch = new FastThreadLocal<>() {
        @Override
        protected Matches initialValue() {
            return new Matches();
        }
    };

    private final Persistence persistence;

    /** A router without persistence (tests). */
    public Router(TopicIndex<Object, Target> index, RetainedStore<Message> retained) {
        this(index, retained, null);
    }

    /** @param persistence the durable back end, or {@code null} / a non-durable one for none */
    public Router(TopicIndex<Object, Target> index, RetainedStore<Message> retained, Persistence persistence) {
        this.index = index;
        this.shared = new SharedSubscriptions(index);
        this.retained = retained;
        this.persistence = persistence != null && persistence.durable() ? persistence : null;
    }

    /**
     * The outcome of {@link #publishDurably}.
     *
     * @param reached sessions and shared groups reached
     * @param durable completes when the message, its deliveries to persistent sessions, the
     *     retained change and the inbound QoS 2 packet id are durable
     */
    public record Outcome(int reached, CompletionStage<Void> durable) {
        /** Not published: it needed the store and the store refuses new messages (disk quota). */
        public static final Outcome STORE_REFUSED = new Outcome(-1, Stages.DONE);
    }

    /** Whether {@link #publishDurably} must be used for acknowledged messages. */
    public boolean durable() {
        return persistence != null;
    }

    /**
     * Like {@link #publish} but also persists the message's deliveries to persistent sessions and
     * the publisher's QoS 2 packet id (0 for none) in one store call. With a QoS 2 id the deliveries
     * are enqueued only once that write is durable, on {@code publisherLoop}. Only with a durable back end.
     * With {@code storeRefused} (the store is at its disk quota) a message that needs the store
     * (retained, a delivery to a persistent session, or an inbound QoS 2 id to keep) is neither
     * stored nor delivered: the result is {@link Outcome#STORE_REFUSED}; one that needs no store
     * write is published as usual.
     */
    public Outcome publishDurably(Message m, String publisher, int inboundQos2Id, Publisher from,
            Executor publisherLoop, boolean storeRefused) {
        if (storeRefused && (m.retain() || inboundQos2Id != 0)) {
            return Outcome.STORE_REFUSED;
        }
        CompletionStage<Void> retainedStage = Stages.DONE;
        if (m.retain()) {
            retainedStage = persistence.retained().retain(m);
        }
        storeRetained(m);
        Matches matches = scratch.get();
        matches.begin(m, from);
        StoredPublish collected = new StoredPublish();
        int reached;
        try {
            index.match(m.topic(), matches);
            reached = matches.dispatch(collected::add);
        } finally {
            matches.clear();
        }
        if (storeRefused && collected.needsStore()) {
            return Outcome.STORE_REFUSED; // nothing was enqueued yet
        }
        CompletionStage<Void> stored = collected.storeAndEnqueue(persistence.messages(), m, publisher, inboundQos2Id, from,
                publisherLoop);
        return new Outcome(reached, Stages.both(retainedStage, stored));
    }

    /** Puts a retained message read from the store at start-up. */
    public void restoreRetained(Message m) {
        retained.put(m.topic(), m);
    }

    private void storeRetained(Message m) {
        if (m.retain()) {
            if (m.payload().isEmpty()) {
                retained.remove(m.topic());
            } else {
                retained.put(m.topic(), m);
            }
        }
    }

    /**
     * Stores or clears the retained message if {@code m} is retained [MQTT-3.3.1-5] [MQTT-3.3.1-6],
     * then delivers {@code m} to every matching subscription.
     *
     * @return the number of sessions and shared groups reached (0 means no matching subscribers)
     */
    public int publish(Message m) {
        return publish(m, null);
    }

    /**
     * Like {@link #publish(Message)}, for a message read from the connection {@code from}: a
     * target session above its high water mark tells {@code from}, which pauses (publisher
     * back-pressure). On {@code from}'s loop.
     */
    public int publish(Message m, Publisher from) {
        // $SYS values are republished at every start and period: not worth a store write each
        if (persistence != null && m.retain() && !m.topic().startsWith(SysPublisher.PREFIX)) {
            persistence.retained().retain(m); // nobody waits for it
        }
        storeRetained(m);
        Matches matches = scratch.get();
        matches.begin(m, from);
        try {
            index.match(m.topic(), matches);
            return matches.dispatch();
        } finally {
            matches.clear();
        }
    }

    /**
     * Publishes a will. With a durable store its deliveries to persistent sessions are stored
     * like any acknowledged message, so a will queued for an offline subscriber survives a
     * restart; nobody waits for the write ({@code from} may be {@code null} at start-up).
     */
    @Override
    public void publishWill(Message will, Session from) {
        if (persistence == null) {
            publish(will);
        } else {
            publishDurably(will, will.origin(), 0, null, null, false); // a will is never refused
        }
    }

    /**
     * Adds or replaces [MQTT-3.8.4-3] a subscription of {@code s}; on the session's loop.
     *
     * @return whether a subscription with the same filter existed
     */
    public boolean subscribe(Session s, Subscription sub, int subscriptionId) {
        TopicFilter f = sub.filter();
        boolean existed = s.subscriptions().put(f.value(), sub) != null;
        if (subscriptionId == 0) {
            s.subscriptionIds().remove(f.value());
        } else {
            s.subscriptionIds().put(f.value(), subscriptionId);
        }
        if (f.isShared()) {
            shared.join(f.shareName(), f.matchFilter(), s, sub.qos(), sub.retainAsPublished(), subscriptionId);
        } else {
            index.subscribe(f.value(), s, new ClientSubscription(s, sub.qos(), sub.noLocal(), sub.retainAsPublished(),
                    subscriptionId));
        }
        return existed;
    }

    /** Removes one subscription of {@code s} by exact filter [MQTT-3.10.4-1]; returns whether it existed. */
    public boolean unsubscribe(Session s, TopicFilter f) {
        Subscription old = s.subscriptions().remove(f.value());
        s.subscriptionIds().remove(f.value());
        if (old == null) {
            return false;
        }
        if (f.isShared()) {
            shared.leave(f.shareName(), f.matchFilter(), s);
        } else {
            index.unsubscribe(f.value(), s);
        }
        return true;
    }

    @Override
    public void removeSubscriptions(Session s) {
        for (Map.Entry<String, Subscription> e : s.subscriptions().entrySet()) {
            TopicFilter f = e.getValue().filter();
            if (f.isShared()) {
                shared.leave(f.shareName(), f.matchFilter(), s);
            } else {
                index.unsubscribe(f.value(), s);
            }
        }
    }

    /**
     * Sends the retained messages matching a new subscription per its Retain Handling
     * [MQTT-3.3.1-9] [MQTT-3.3.1-10] [MQTT-3.3.1-11]; never for shared subscriptions
     * (MQTT 5.0 section 4.8.2). On the session's loop; writes, does not flush.
     */
    public void sendRetained(Session s, Subscription sub, int subscriptionId, boolean existed, long now) {
        if (sub.filter().isShared() || sub.retainHandling() == RetainHandling.DO_NOT_SEND
                || (sub.retainHandling() == RetainHandling.SEND_IF_NEW && existed)) {
            return;
        }
        List<Message> found = new ArrayList<>();
        retained.match(sub.filter().value(), found::add);
        List<Integer> ids = subscriptionId == 0 ? List.of() : List.of(subscriptionId);
        for (Message m : found) {
            if (!m.isExpired(now)) {
                s.deliverRetained(new Delivery(m, QoS.min(m.qos(), sub.qos()), true, ids, null), now);
            }
        }
    }

    /** Drops expired retained messages. */
    public void expireRetained(long now) {
        retained.removeIf(m -> m.isExpired(now));
    }

    public int retainedCount() {
        return retained.size();
    }

    public int subscriptionCount() {
        return index.size();
    }
}
