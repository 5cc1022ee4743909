package dev.wren.broker.session;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.StoredState.StoredSession;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.Will;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The state of one client id: subscriptions, the outbound window and queue, inbound QoS 2
 * packet ids awaiting PUBREL, the will and the expiry.
 *
 * <p>Thread confinement: all state is confined to the session's current {@link #loop()}, which
 * is the event loop of the attached connection (or of the last one, while offline). Other
 * threads only call {@link #enqueue(Delivery)}, which hands the delivery over through a
 * lock-free MPSC {@link Inbox} drained by one task per burst, read the volatile expiry fields,
 * and use the publisher back-pressure methods ({@link #awaitDrain}, {@link #isDraining},
 * {@link #stopPausingPublishers}), which go through the lock-free {@link Congestion}.
 * The registry moves a session to another loop on reconnect by writing {@code loop} as its
 * last action on the old loop; a drain task that lands on the old loop re-dispatches itself.
 */
public final class Session {
    private final String clientId;
    private final SessionHooks hooks;
    private final BrokerMetrics metrics;
    private final Clock clock;
    private final Inbox inbox = new Inbox(this);
    private final OutboundFlow outbound;
    private final Congestion congestion;
    /** Read by a waiting publisher after it registered; one instance, so awaiting allocates nothing more. */
    private final Congestion.SessionFigures figures = new Congestion.SessionFigures() {
        @Override
        public boolean liveNow() {
            return online && !ended;
        }

        @Override
        public int inboxSizeNow() {
            return inbox.size();
        }
    };
    private final boolean backPressure;
    private final LongSupplier ticker;
    // Created on first use: most connections never subscribe with an id or publish QoS 2, many never subscribe.
    private Map<String, Subscription> subscriptions;
    private Map<String, Integer> subscriptionIds;
    private Set<Integer> inboundQos2;

    private volatile Loop loop;
    private volatile boolean online;
    private volatile boolean persistent;
    private volatile boolean ended;
    private volatile long expiresAtMillis = Long.MAX_VALUE;

    private SessionLink link;
    private boolean isNew = true;
    /** An acknowledgement freed in-flight room since the last drain; see {@link #afterReadBurst}. */
    private boolean acked;
    private long expiryInterval;
    private final SessionWill will = new SessionWill();

    /**
     * @param store where deliveries to this session are persisted, or {@code null} for none
     */
    public Session(String clientId, Loop loop, QueueLimits limits, SessionHooks hooks, BrokerMetrics metrics,
            Clock clock, MessageStore store) {
        this.clientId = clientId;
        this.loop = loop;
        this.hooks = hooks;
        this.metrics = metrics;
        this.clock = clock;
        this.outbound = new OutboundFlow(clientId, limits, metrics, store);
        // the next spilled delivery is not in the store yet: look again shortly
        this.outbound.retryPagingWith(() -> this.loop.schedule(this::drainNow, OutboundFlow.PAGING_RETRY_NANOS));
        this.congestion = new Congestion(limits.backPressure());
        this.backPressure = limits.backPressure().enabled();
        this.ticker = limits.backPressure().ticker();
    }

    public String clientId() {
        return clientId;
    }

    /** The loop this session is confined to now. Any thread. */
    public Loop loop() {
        return loop;
    }

    /** Any thread; called by the registry as the last act on the old loop. */
    void moveTo(Loop newLoop) {
        this.loop = newLoop;
    }

    /** Whether a connection is attached. Any thread (volatile). */
    public boolean isOnline() {
        return online;
    }

    /** Whether the session has ended. Any thread (volatile). */
    public boolean isEnded() {
        return ended;
    }

    /** Hands a delivery to this session (no back-pressure). Any thread; see {@link #enqueue(Delivery, Publisher)}. */
    public void enqueue(Delivery delivery) {
        enqueue(delivery, null);
    }

    /**
     * Hands a delivery routed from {@code from} (or {@code null}) to this session. Any thread (the
     * publisher's loop). Deliveries from one thread keep their order; one drain task per burst
     * writes them and flushes once. If the delivery leaves this session congested, {@code from} is
     * told so it can pause; when nothing is congested this costs two field reads.
     */
    public void enqueue(Delivery delivery, Publisher from) {
        int ahead = inbox.offer(delivery);
        if (from != null && congestion.mayBeCongested(ahead) && online
                && congestion.isCongested(inbox.size(), ticker.getAsLong())) {
            from.congested(this);
        }
    }

    /**
     * Any thread: wakes {@code w} once this session is back at its low water marks, goes offline,
     * ends, or stops pausing publishers (at once if that is already the case).
     */
    public void awaitDrain(DrainWaiter w) {
        congestion.await(w, figures);
    }

    /** Any thread: whether the socket drains (writable, or within the grace period) and the session pauses publishers. */
    public boolean isDraining(long nowNanos) {
        return online && congestion.isDraining(nowNanos);
    }

    /** Any thread: a publisher waited the longest pause; this session pauses nobody until it is back at low water. */
    public void stopPausingPublishers() {
        congestion.giveUp();
    }

    /** Session loop: tells waiting publishers how far the drain got. */
    private void progress() {
        if (backPressure) {
            congestion.progress(inbox.size(), outbound.queuedCount(), outbound.heldBytes(),
                    link == null || link.writable());
        }
    }

    /** Session loop: the end of a drain slice: one flush, then progress for waiting publishers. */
    void afterDrain() {
        if (link != null) {
            link.flush();
        }
        progress();
    }

    long now() {
        return clock.millis();
    }

    /** Delivers on the session's loop, without the inbox (retained messages on subscribe). No flush. */
    public void deliver(Delivery d, long now) {
        if (ended) {
            return;
        }
        OutboundFlow.Offer result = outbound.offer(d, link, now);
        if (result == OutboundFlow.Offer.OVERFLOW && link != null) {
            metrics.dropped(Metric.SLOW_CONSUMER_DISCONNECTS, clientId);
            link.disconnect(ReasonCode.QUOTA_EXCEEDED, "outbound queue of the session is full");
        }
    }

    /** Sends a retained message on SUBSCRIBE, on the session's loop; queued rather than dropped while the socket is full. No flush. */
    public void deliverRetained(Delivery d, long now) {
        if (!ended) {
            outbound.offerRetained(d, link, now);
        }
    }

    /** Attaches a connection, resends in-flight messages with DUP and drains the queue. */
    void attach(SessionLink newLink, long newExpiryInterval, Will newWill) {
        this.link = newLink;
        this.online = true;
        this.isNew = false;
        this.expiryInterval = newExpiryInterval;
        this.persistent = newExpiryInterval > 0;
        this.will.attach(newWill);
        this.expiresAtMillis = Long.MAX_VALUE;
    }

    /** After CONNACK: resend what is in flight [MQTT-4.4.0-1], then queued messages. */
    public void resume() {
        long now = clock.millis();
        outbound.resend(link, now);
        outbound.drain(link, now);
    }

    /**
     * Detaches the connection. With {@code publishWill} the will is published now, or after
     * its delay if the session outlives the connection [MQTT-3.1.3-9].
     */
    public void detach(boolean publishWill) {
        if (link == null) {
            return;
        }
        link = null;
        online = false;
        congestion.wakeAll(); // an offline session pauses nobody
        for (Delivery d : outbound.takeShared(this)) {
            d.group().redeliver(d, this);
        }
        long now = clock.millis();
        publish(will.detach(publishWill, now, expiryInterval), now);
        if (expiryInterval == 0) {
            end();
            return;
        }
        expiresAtMillis = expiryInterval >= 0xFFFF_FFFFL ? Long.MAX_VALUE : now + expiryInterval * 1000;
        hooks.offline(this);
    }

    private void publish(Will w, long now) {
        if (w == null) {
            return;
        }
        metrics.increment(Metric.WILLS_PUBLISHED);
        hooks.publishWill(this, Message.ofWill(w, clientId, now));
    }

    /** Ends the session: pending will published, subscriptions removed, state dropped. */
    public void end() {
        if (ended) {
            return;
        }
        publish(will.takePending(), clock.millis());
        ended = true;
        online = false;
        congestion.wakeAll();
        hooks.removeSubscriptions(this);
        subscriptions = null;
        subscriptionIds = null;
        outbound.clear();
        inboundQos2 = null;
        inbox.clear();
        hooks.ended(this);
    }

    /** Clean start on an existing session: the old state ends, the object is reused [MQTT-3.1.2-4]. */
    void reset() {
        publish(will.takePending(), clock.millis());
        hooks.removeSubscriptions(this);
        subscriptions = null;
        subscriptionIds = null;
        outbound.clear();
        inboundQos2 = null;
        inbox.clear(); // routed to the old session's subscriptions: not for the new one
        isNew = true;
        progress(); // publishers must not see the old backlog
    }

    /** Expiry sweep on the session's loop: due delayed will, then expiry. */
    public void maintain(long now) {
        if (online || ended) {
            return;
        }
        Will due = will.takeDue(now);
        if (due != null) {
            publish(due, now);
            hooks.willPublished(this);
        }
        if (now >= expiresAtMillis) {
            metrics.increment(Metric.SESSIONS_EXPIRED);
            end();
        }
    }

    /** Whether the sweep has something to do at {@code now}. Any thread (volatile reads). */
    public boolean isDue(long now) {
        return !online && !ended && (now >= expiresAtMillis || will.isDue(now));
    }

    SessionLink link() {
        return link;
    }

    boolean isNew() {
        return isNew;
    }

    /** Subscriptions by filter string, owner loop only. */
    public Map<String, Subscription> subscriptions() {
        if (subscriptions == null) {
            subscriptions = new HashMap<>();
        }
        return subscriptions;
    }

    /** Subscription Identifier per filter string (absent = none), owner loop only. */
    public Map<String, Integer> subscriptionIds() {
        if (subscriptionIds == null) {
            subscriptionIds = new HashMap<>();
        }
        return subscriptionIds;
    }

    /** Inbound QoS 2 packet ids received and not yet released by PUBREL, owner loop only. */
    public Set<Integer> inboundQos2() {
        if (inboundQos2 == null) {
            inboundQos2 = new HashSet<>();
        }
        return inboundQos2;
    }

    /** Session Expiry Interval now in force (changed by DISCONNECT in 5.0), owner loop only. */
    public long expiryInterval() {
        return expiryInterval;
    }

    public void expiryInterval(long seconds) {
        this.expiryInterval = seconds;
        this.persistent = seconds > 0;
    }

    /** Whether the session outlives its connection (expiry > 0), i.e. is persisted. Any thread (volatile). */
    public boolean isPersistent() {
        return persistent;
    }

    /**
     * Rebuilds an offline session from the store at start-up (before the listener opens): its
     * queue and in-flight deliveries, inbound QoS 2 ids and expiry. Subscriptions are restored by
     * the caller through the router. With {@code withWill} the stored will becomes pending.
     */
    void restore(StoredSession stored, boolean withWill) {
        isNew = false;
        expiryInterval = stored.expiryInterval();
        persistent = true;
        outbound.restore(stored.queue());
        if (!stored.inboundQos2().isEmpty()) {
            inboundQos2().addAll(stored.inboundQos2());
        }
        expiresAtMillis = expiryInterval >= 0xFFFF_FFFFL ? Long.MAX_VALUE
                : stored.disconnectedAtMillis() + expiryInterval * 1000;
        will.restore(withWill ? stored.will() : null, stored.disconnectedAtMillis(), expiryInterval);
    }

    /** The delayed will still to be published while offline, or {@code null}; for the store. */
    Will pendingWill() {
        return will.pending();
    }

    /** When the session last went offline (wall clock); for the store. */
    long offlineSinceMillis() {
        return will.offlineSinceMillis();
    }

    /** Drops the will: a normal DISCONNECT [MQTT-3.14.4-3]. */
    public void clearWill() {
        will.clear();
    }

    /*
     * Acknowledgements only free their slot: the drain they make room for runs once per read
     * burst ({@link #afterReadBurst}), not once per ack, so a burst of 100 PUBACKs costs one
     * clock read, one drain and one round of volatile progress writes instead of 100.
     */

    public boolean onPubAck(int id) {
        boolean ok = outbound.onPubAck(id);
        acked = true;
        return ok;
    }

    public boolean onPubRec(int id, ReasonCode reason) {
        boolean ok = outbound.onPubRec(id, reason, link);
        acked = true;
        return ok;
    }

    public boolean onPubComp(int id) {
        boolean ok = outbound.onPubComp(id);
        acked = true;
        return ok;
    }

    /**
     * Session loop, at the end of a read burst (before its flush): if the burst acknowledged
     * anything, sends what waits in the freed window and tells waiting publishers. No flush.
     */
    public void afterReadBurst() {
        if (acked) {
            acked = false;
            drainNow();
        }
    }

    private void drainNow() {
        if (link != null) {
            outbound.drain(link, clock.millis());
            progress();
        }
    }

    /** The socket became writable again: send what was queued. No flush. */
    public void onWritable() {
        drainNow();
    }

    public int inflightCount() {
        return outbound.inflightCount();
    }

    public int queuedCount() {
        return outbound.queuedCount();
    }

    /** Deliveries whose messages are only in the store (spilled), owner loop only. */
    public int spilledCount() {
        return outbound.spilledCount();
    }

    /** Bytes this session holds against the broker-wide memory budget, owner loop only. */
    public long budgetHeld() {
        return outbound.budgetHeld();
    }

    /**
     * Session loop: if offline, moves the queued messages that are in the store out of the heap
     * (the broker is past its memory budget). Returns whether anything was freed.
     */
    public boolean spillIfOffline() {
        return !online && !ended && outbound.spill();
    }

    @Override
    public String toString() {
        return "Session[" + clientId + "]";
    }
}
