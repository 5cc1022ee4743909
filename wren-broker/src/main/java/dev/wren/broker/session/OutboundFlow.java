package dev.wren.broker.session;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.StoredState.StoredDelivery;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The outbound half of a session: the QoS 1/2 in-flight window and the queue behind it.
 *
 * <p>In-flight messages keep the order they were sent in, so a resumed session resends them
 * in order [MQTT-4.4.0-1] [MQTT-4.6.0-5]. A packet identifier stays allocated from the PUBLISH until its
 * PUBACK, or PUBREC error, or PUBCOMP, and is never handed out twice meanwhile [MQTT-2.2.1-4].
 *
 * <p>Memory bound: the byte limit covers the in-flight messages (until acknowledged, or until
 * PUBREC for QoS 2) plus the queued ones; the message count of the queue is limited separately
 * and the in-flight count by the window (the client's Receive Maximum, capped by maxInflight).
 *
 * <p>Overflow policy: a delivery that would exceed the queue limits (messages or bytes) is
 * dropped (the newest one) and counted in {@link Metric#DROPPED_QUEUE_FULL}. Only if the
 * connection's socket did not drain at all while the queue filled up (channel unwritable the
 * whole time) is the result {@link Offer#OVERFLOW}, which makes the online session disconnect
 * its stuck consumer with 0x97; a consumer that reads but acknowledges too slowly keeps its
 * connection. QoS 0 deliveries to a connection whose outbound buffer is full are dropped first
 * and counted in {@link Metric#DROPPED_QOS0_SLOW_CONSUMER}.
 *
 * <p>Broker-wide budget: every delivery held (queued or in flight) also counts against the shared
 * {@link MemoryBudget}. An offline session whose next delivery would take the broker past it
 * <em>spills</em> if its store can page queues back ({@link MessageStore#pagesQueues()}): the
 * queued deliveries that are in the store leave the heap and only their sequence numbers stay
 * ({@link SpilledSeqs}); later stored deliveries go straight there. Once a connection is attached
 * again the spilled deliveries are read back in sequence order, a page at a time as the window and
 * the socket allow ({@link MessageStore#queuePage}), and only then does the in-memory queue
 * continue. Without such a store, an offline QoS 0 delivery past the budget is dropped and counted
 * in {@link Metric#DROPPED_MEMORY_BUDGET}; QoS 1/2 ones are refused at the publisher instead.
 *
 * <p>Thread confinement: the loop of the owning {@link Session}.
 */
final class OutboundFlow {
    /** What became of an offered delivery. */
    enum Offer { SENT, QUEUED, DROPPED, OVERFLOW }

    /** Most deliveries read back from the store at once. */
    static final int PAGE = 64;
    /** How long a spilled delivery may be missing from the store (its write not done yet) before it counts as lost. */
    static final long MISSING_GIVE_UP_MILLIS = 10_000;
    /** How soon paging tries again when the next spilled delivery is not in the store yet. */
    static final long PAGING_RETRY_NANOS = 20_000_000;

    private final InflightWindow inflight = new InflightWindow();
    // initial capacity 0 (a 1-slot array, growing 4, 10, 22, ...): an idle session queues nothing
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>(0);
    /** Deliveries only in the store, by sequence number; empty unless spilled. */
    private final SpilledSeqs spilled = new SpilledSeqs();
    /** Deliveries read back from the store, sent before anything else queued. */
    private final ArrayDeque<Delivery> paged = new ArrayDeque<>(0);
    /** Whether stored deliveries go to the store only (set by a spill, cleared once all is paged back). */
    private boolean spilling;
    /** When paging first found the next spilled delivery missing from the store, or -1. */
    private long missingSince = -1;
    private Runnable retryPaging = () -> { };
    private final MemoryBudget budget;
    /** Bytes this flow holds against {@link #budget}. */
    private long budgetHeld;
    private final QueueLimits limits;
    private final BrokerMetrics metrics;
    private final String clientId;
    private long queuedBytes;
    /** Bytes of messages sent and not yet acknowledged (released QoS 2 no longer counts). */
    private long inflightBytes;
    private int nextId = 1;
    /** Whether the channel was writable at some point while the current queue built up. */
    private boolean writableWhileQueued;
    /** Seqs of restored deliveries that may have been sent before a crash: DUP=1 on their first send. */
    private java.util.Set<Long> possiblySent;

    /** Store of queued deliveries, or {@code null} when nothing is persisted. */
    private final MessageStore store;

    OutboundFlow(String clientId, QueueLimits limits, BrokerMetrics metrics, MessageStore store) {
        this.clientId = clientId;
        this.store = store;
        this.limits = limits;
        this.metrics = metrics;
        this.budget = limits.budget();
    }

    /** What to run to try paging again a little later (the session schedules it on its loop). */
    void retryPagingWith(Runnable task) {
        this.retryPaging = task;
    }

    private void hold(Message m) {
        long cost = MemoryBudget.cost(m);
        budgetHeld += cost;
        budget.add(cost);
    }

    private void release(Message m) {
        long cost = MemoryBudget.cost(m);
        budgetHeld -= cost;
        budget.add(-cost);
    }

    /** Whether this delivery can live in the store alone: it is stored and the store pages queues back. */
    private boolean spillable(Delivery d) {
        return d.seq() != 0 && store != null && store.pagesQueues();
    }

    Offer offer(Delivery d, SessionLink link, long now) {
        if (d.message().isExpired(now)) {
            metrics.dropped(Metric.DROPPED_EXPIRED, clientId);
            stored(d, Change.DROPPED);
            return Offer.DROPPED;
        }
        if (spilling && spillable(d)) {
            Offer result = addSpilled(d);
            if (link != null) {
                drain(link, now);
            }
            return result;
        }
        if (link == null) {
            if (d.qos() == QoS.AT_MOST_ONCE && !limits.queueQos0Offline()) {
                return Offer.DROPPED;
            }
            if (budget.wouldExceed(MemoryBudget.cost(d.message()))) {
                return overBudgetOffline(d);
            }
            return enqueue(d);
        }
        if (d.qos() == QoS.AT_MOST_ONCE) {
            if (!link.writable()) {
                metrics.dropped(Metric.DROPPED_QOS0_SLOW_CONSUMER, clientId);
                return Offer.DROPPED;
            }
            send(d, 0, false, link, now);
            return Offer.SENT;
        }
        if (queue.isEmpty() && !spilling && inflight.size() < link.outboundWindow() && link.writable()
                && inflightBytes + queuedBytes + d.message().weight() <= limits.maxBytes()) {
            sendNew(d, link, now);
            return Offer.SENT;
        }
        boolean writable = link.writable();
        writableWhileQueued = queuedCount() == 0 ? writable : writableWhileQueued || writable;
        Offer result = enqueue(d);
        if (result == Offer.OVERFLOW && (writable || writableWhileQueued)) {
            // the socket drains but the client acknowledges too slowly: drop the newest, keep the client
            return Offer.DROPPED;
        }
        return result;
    }

    /**
     * A retained message sent on SUBSCRIBE: every matching one must be sent [MQTT-3.3.1-9], so a
     * QoS 0 one waits in the queue (in order) while the socket is full instead of being dropped as
     * for a slow consumer; the burst is the broker's own. Beyond the queue limits it is dropped and
     * counted, never a disconnect.
     */
    Offer offerRetained(Delivery d, SessionLink link, long now) {
        if (d.qos() == QoS.AT_MOST_ONCE && link != null && (!queue.isEmpty() || !link.writable())) {
            return enqueue(d) == Offer.OVERFLOW ? Offer.DROPPED : Offer.QUEUED;
        }
        Offer result = offer(d, link, now);
        return result == Offer.OVERFLOW ? Offer.DROPPED : result;
    }

    private Offer enqueue(Delivery d) {
        long weight = d.message().weight();
        if (queuedCount() + spilled.size() >= limits.maxMessages()
                || inflightBytes + queuedBytes + weight > limits.maxBytes()) {
            metrics.dropped(Metric.DROPPED_QUEUE_FULL, clientId);
            stored(d, Change.DROPPED);
            return Offer.OVERFLOW;
        }
        queue.addLast(d);
        queuedBytes += weight;
        hold(d.message());
        return Offer.QUEUED;
    }

    /**
     * An offline delivery that would take the broker past its memory budget: spill if the store
     * can page it back; otherwise a QoS 0 one is dropped and counted, a QoS 1/2 one (already
     * acknowledged to its publisher) is kept within the session's own limits.
     */
    private Offer overBudgetOffline(Delivery d) {
        if (spillable(d)) {
            spill();
            return addSpilled(d);
        }
        if (d.qos() == QoS.AT_MOST_ONCE) {
            metrics.dropped(Metric.DROPPED_MEMORY_BUDGET, clientId);
            stored(d, Change.DROPPED);
            return Offer.DROPPED;
        }
        return enqueue(d);
    }

    /** A stored delivery to a spilled session: only its sequence number is kept; its message is in the store. */
    private Offer addSpilled(Delivery d) {
        if (queuedCount() + spilled.size() >= limits.maxMessages()) {
            metrics.dropped(Metric.DROPPED_QUEUE_FULL, clientId);
            stored(d, Change.DROPPED);
            return Offer.DROPPED;
        }
        spilled.add(d.seq());
        metrics.add(Metric.SPILLED_DELIVERIES, 1);
        return Offer.QUEUED;
    }

    /**
     * Moves every queued delivery that is in the store out of the heap (only its sequence number
     * stays) and sends later stored deliveries to the store only, until all is paged back. Not for
     * deliveries in flight: those stay until acknowledged. Returns whether anything was freed.
     */
    boolean spill() {
        if (store == null || !store.pagesQueues()) {
            return false;
        }
        if (!spilling) {
            spilling = true;
            metrics.noted(Metric.QUEUES_SPILLED, clientId);
        }
        int moved = moveToSpilled(paged) + moveToSpilled(queue);
        return moved > 0;
    }

    private int moveToSpilled(ArrayDeque<Delivery> from) {
        int moved = 0;
        for (Iterator<Delivery> it = from.iterator(); it.hasNext();) {
            Delivery d = it.next();
            if (d.seq() != 0) {
                it.remove();
                queuedBytes -= d.message().weight();
                release(d.message());
                spilled.add(d.seq());
                moved++;
            }
        }
        metrics.add(Metric.SPILLED_DELIVERIES, moved);
        return moved;
    }

    /**
     * Reads the next page of spilled deliveries back from the store, in sequence order, into
     * {@link #paged}. Returns false if none could be read: the next one is not in the store yet
     * (its write is still running), and a retry is scheduled; after {@link #MISSING_GIVE_UP_MILLIS}
     * it counts as lost (its write failed) and is dropped, counted and logged.
     */
    private boolean pageIn(SessionLink link, long now) {
        int room = Math.clamp(link.outboundWindow() - inflight.size(), 1, PAGE);
        List<StoredDelivery> page = store.queuePage(clientId, spilled.first(), room + inflight.size());
        int taken = 0;
        for (StoredDelivery sd : page) {
            if (spilled.isEmpty() || taken >= room) {
                break;
            }
            long next = spilled.first();
            if (sd.seq() < next) {
                continue; // in flight, or read back already
            }
            if (sd.seq() > next) {
                break; // the next one is not in the store (yet)
            }
            spilled.removeFirst();
            metrics.add(Metric.SPILLED_DELIVERIES, -1);
            metrics.increment(Metric.DELIVERIES_PAGED_IN);
            Delivery d = new Delivery(sd.message(), sd.qos(), sd.retain(), sd.subscriptionIds(), null, sd.seq());
            paged.addLast(d);
            queuedBytes += d.message().weight();
            hold(d.message());
            taken++;
        }
        if (taken > 0) {
            missingSince = -1;
            return true;
        }
        if (missingSince < 0) {
            missingSince = now;
        } else if (now - missingSince >= MISSING_GIVE_UP_MILLIS) {
            long lost = spilled.removeFirst();
            metrics.add(Metric.SPILLED_DELIVERIES, -1);
            metrics.dropped(Metric.DROPPED_SPILLED_MISSING, clientId);
            store.dropped(clientId, lost);
            missingSince = -1;
            return true;
        }
        retryPaging.run();
        return false;
    }

    /**
     * Sends queued deliveries while the window and the socket have room: first those read back
     * from the store, then the rest of the spilled ones (paged in), then the in-memory queue.
     */
    void drain(SessionLink link, long now) {
        while (link.writable()) {
            ArrayDeque<Delivery> from = paged;
            Delivery d = paged.peekFirst();
            if (d == null && !spilled.isEmpty()) {
                if (inflight.size() >= link.outboundWindow() || !pageIn(link, now)) {
                    return;
                }
                continue;
            }
            if (d == null) {
                spilling = false; // everything is back: stored deliveries may stay in the heap again
                from = queue;
                d = queue.peekFirst();
                if (d == null) {
                    return;
                }
            }
            if (d.qos() != QoS.AT_MOST_ONCE && inflight.size() >= link.outboundWindow()) {
                return;
            }
            from.pollFirst();
            queuedBytes -= d.message().weight();
            release(d.message());
            if (d.message().isExpired(now)) {
                metrics.dropped(Metric.DROPPED_EXPIRED, clientId);
                stored(d, Change.DROPPED);
            } else if (d.qos() == QoS.AT_MOST_ONCE) {
                send(d, 0, false, link, now);
            } else {
                sendNew(d, link, now);
            }
        }
    }

    private void sendNew(Delivery d, SessionLink link, long now) {
        int id = allocateId();
        boolean dup = possiblySent != null && possiblySent.remove(d.seq()); // [MQTT-3.3.1-1]
        if (!send(d, id, dup, link, now)) {
            stored(d, Change.DROPPED); // too large for the client: as if acknowledged [MQTT-3.1.2-25]
            return;
        }
        InflightWindow.Entry f = new InflightWindow.Entry(id, d);
        inflight.add(f);
        inflightBytes += f.weight;
        hold(d.message());
        if (store != null && d.seq() != 0) {
            store.sent(clientId, d.seq(), id);
        }
    }

    private enum Change { ACKED, RELEASED, DROPPED }

    /** Tells the store what became of a stored delivery (fire and forget: nothing waits on it). */
    private void stored(Delivery d, Change change) {
        if (store == null || d.seq() == 0) {
            return;
        }
        switch (change) {
            case ACKED -> store.acked(clientId, d.seq());
            case RELEASED -> store.released(clientId, d.seq());
            case DROPPED -> store.dropped(clientId, d.seq());
        }
    }

    /**
     * Writes the PUBLISH; {@code false} if the connection discarded it as larger than the client's
     * Maximum Packet Size (counted there) [MQTT-3.1.2-25]. Nothing calls back into this flow.
     */
    private boolean send(Delivery d, int id, boolean dup, SessionLink link, long now) {
        if (!link.sendPublish(d.message().toPublish(d.qos(), d.retain(), id, dup, d.subscriptionIds(), now))) {
            return false;
        }
        metrics.increment(Metric.PUBLISH_SENT);
        return true;
    }

    private int allocateId() {
        int id = nextId;
        while (inflight.contains(id)) {
            id = id == 65535 ? 1 : id + 1;
        }
        nextId = id == 65535 ? 1 : id + 1;
        return id;
    }

    /**
     * Resends every in-flight message in order, PUBLISH with DUP or PUBREL [MQTT-4.4.0-1]. A PUBLISH
     * too large for the client's (possibly smaller, reconnected) Maximum Packet Size is discarded
     * as if acknowledged [MQTT-3.1.2-25].
     */
    void resend(SessionLink link, long now) {
        for (InflightWindow.Entry f = inflight.first(), next; f != null; f = next) {
            next = f.next();
            if (f.released) {
                link.sendPubRel(f.id);
            } else if (!send(f.delivery, f.id, true, link, now)) {
                inflight.remove(f);
                unweigh(f);
                stored(f.delivery, Change.DROPPED);
            }
        }
    }

    /** PUBACK: ends a QoS 1 delivery. Returns false if the id was not a QoS 1 in-flight message. */
    boolean onPubAck(int id) {
        InflightWindow.Entry f = inflight.get(id);
        if (f == null || f.released || f.delivery.qos() != QoS.AT_LEAST_ONCE) {
            return false;
        }
        remove(f);
        stored(f.delivery, Change.ACKED);
        return true;
    }

    private void remove(InflightWindow.Entry f) {
        inflight.remove(f);
        unweigh(f);
    }

    private void unweigh(InflightWindow.Entry f) {
        if (f.released && f.weight == 0) {
            return; // released QoS 2: already given back
        }
        inflightBytes -= f.weight;
        f.weight = 0;
        release(f.delivery.message());
    }

    /** PUBREC: an error code ends the delivery, success moves it to the PUBREL phase. */
    boolean onPubRec(int id, ReasonCode reason, SessionLink link) {
        InflightWindow.Entry f = inflight.get(id);
        if (f == null || f.delivery.qos() != QoS.EXACTLY_ONCE) {
            return false;
        }
        if (reason.isError()) {
            remove(f);
            stored(f.delivery, Change.ACKED);
            return true;
        }
        f.released = true;
        unweigh(f); // only the packet id is kept until PUBCOMP
        stored(f.delivery, Change.RELEASED);
        link.sendPubRel(id);
        return true;
    }

    /** PUBCOMP: ends a QoS 2 delivery. */
    boolean onPubComp(int id) {
        InflightWindow.Entry f = inflight.get(id);
        if (f == null || !f.released) {
            return false;
        }
        remove(f);
        stored(f.delivery, Change.ACKED);
        return true;
    }

    /**
     * Removes and returns what a leaving shared-subscription member hands to another member: its
     * QoS 1 deliveries in flight and its queued (never sent) QoS 1/2 deliveries.
     */
    List<Delivery> takeShared(Session leaving) {
        List<Delivery> taken = new ArrayList<>();
        for (InflightWindow.Entry f = inflight.first(), next; f != null; f = next) {
            next = f.next();
            // QoS 2 already sent stays: it must be completed on reconnect and never go to another member
            // [MQTT-4.8.2-4] [MQTT-4.8.2-5]; QoS 1 in flight goes to another member (4.8.2 SHOULD)
            if (f.delivery.group() != null && f.delivery.qos() == QoS.AT_LEAST_ONCE
                    && f.delivery.group().hasOtherMember(leaving)) {
                taken.add(f.delivery);
                stored(f.delivery, Change.DROPPED);
                unweigh(f);
                inflight.remove(f);
            }
        }
        for (Iterator<Delivery> it = queue.iterator(); it.hasNext();) {
            Delivery d = it.next();
            if (d.group() != null && d.qos() != QoS.AT_MOST_ONCE && d.group().hasOtherMember(leaving)) {
                taken.add(d);
                stored(d, Change.DROPPED);
                queuedBytes -= d.message().weight();
                release(d.message());
                it.remove();
            }
        }
        return taken;
    }

    /**
     * Restores stored deliveries at start-up: sent ones in flight (resent on resume), others queued,
     * or spilled (only their sequence numbers kept) once the broker is past its memory budget.
     */
    void restore(List<StoredDelivery> deliveries) {
        for (StoredDelivery sd : deliveries) {
            Delivery d = new Delivery(sd.message(), sd.qos(), sd.retain(), sd.subscriptionIds(), null, sd.seq());
            if (sd.packetId() != 0 && sd.qos() != QoS.AT_MOST_ONCE) {
                InflightWindow.Entry old = inflight.get(sd.packetId());
                if (old != null) { // the same id twice in the store: the later record wins, as it did in the store
                    unweigh(old);
                    inflight.remove(old);
                }
                InflightWindow.Entry f = new InflightWindow.Entry(sd.packetId(), d);
                f.released = sd.released();
                if (f.released) {
                    f.weight = 0;
                } else {
                    hold(d.message());
                }
                inflightBytes += f.weight;
                inflight.add(f);
            } else {
                if (sd.possiblySent()) { // kept by seq, so it also holds for a spilled delivery paged back later
                    if (possiblySent == null) {
                        possiblySent = new java.util.HashSet<>();
                    }
                    possiblySent.add(sd.seq());
                }
                if ((spilling || budget.wouldExceed(MemoryBudget.cost(d.message()))) && spillable(d)) {
                    spill(); // the ones restored to the heap before go back to the store too: order
                    spilled.add(d.seq());
                    metrics.add(Metric.SPILLED_DELIVERIES, 1);
                } else {
                    queue.addLast(d);
                    queuedBytes += d.message().weight();
                    hold(d.message());
                }
            }
        }
    }

    int inflightCount() {
        return inflight.size();
    }

    /** Deliveries queued in the heap (not the spilled ones). */
    int queuedCount() {
        return queue.size() + paged.size();
    }

    /** Deliveries whose messages are only in the store. */
    int spilledCount() {
        return spilled.size();
    }

    /** Bytes this flow holds against the broker-wide budget. */
    long budgetHeld() {
        return budgetHeld;
    }

    /** Bytes held against the limit: queued plus in flight. */
    long heldBytes() {
        return queuedBytes + inflightBytes;
    }

    void clear() {
        inflight.clear();
        queue.clear();
        possiblySent = null;
        paged.clear();
        metrics.add(Metric.SPILLED_DELIVERIES, -spilled.size());
        spilled.clear();
        spilling = false;
        missingSince = -1;
        queuedBytes = 0;
        inflightBytes = 0;
        budget.add(-budgetHeld);
        budgetHeld = 0;
    }
}
