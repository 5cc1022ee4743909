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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Thread confinement: the loop of the owning {@link Session}.
 */
final class OutboundFlow {
    /** What became of an offered delivery. */
    enum Offer { SENT, QUEUED, DROPPED, OVERFLOW }

    private static final class Inflight {
        final Delivery delivery;
        boolean released;
        /** Bytes this entry counts against the limit until its message is no longer needed. */
        long weight;

        Inflight(Delivery delivery) {
            this.delivery = delivery;
            this.weight = delivery.message().weight();
        }
    }

    private final LinkedHashMap<Integer, Inflight> inflight = new LinkedHashMap<>();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
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
    }

    Offer offer(Delivery d, SessionLink link, long now) {
        if (d.message().isExpired(now)) {
            metrics.dropped(Metric.DROPPED_EXPIRED, clientId);
            stored(d, Change.DROPPED);
            return Offer.DROPPED;
        }
        if (link == null) {
            if (d.qos() == QoS.AT_MOST_ONCE && !limits.queueQos0Offline()) {
                return Offer.DROPPED;
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
        if (queue.isEmpty() && inflight.size() < link.outboundWindow() && link.writable()
                && inflightBytes + queuedBytes + d.message().weight() <= limits.maxBytes()) {
            sendNew(d, link, now);
            return Offer.SENT;
        }
        boolean writable = link.writable();
        writableWhileQueued = queue.isEmpty() ? writable : writableWhileQueued || writable;
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
        if (queue.size() >= limits.maxMessages() || inflightBytes + queuedBytes + weight > limits.maxBytes()) {
            metrics.dropped(Metric.DROPPED_QUEUE_FULL, clientId);
            stored(d, Change.DROPPED);
            return Offer.OVERFLOW;
        }
        queue.addLast(d);
        queuedBytes += weight;
        return Offer.QUEUED;
    }

    /** Sends queued deliveries while the window and the socket have room. */
    void drain(SessionLink link, long now) {
        Delivery d;
        while ((d = queue.peekFirst()) != null && link.writable()) {
            if (d.qos() != QoS.AT_MOST_ONCE && inflight.size() >= link.outboundWindow()) {
                return;
            }
            queue.pollFirst();
            queuedBytes -= d.message().weight();
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
        Inflight f = new Inflight(d);
        inflight.put(id, f);
        inflightBytes += f.weight;
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
        while (inflight.containsKey(id)) {
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
        for (Iterator<Map.Entry<Integer, Inflight>> it = inflight.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, Inflight> e = it.next();
            Inflight f = e.getValue();
            if (f.released) {
                link.sendPubRel(e.getKey());
            } else if (!send(f.delivery, e.getKey(), true, link, now)) {
                it.remove();
                unweigh(f);
                stored(f.delivery, Change.DROPPED);
            }
        }
    }

    /** PUBACK: ends a QoS 1 delivery. Returns false if the id was not a QoS 1 in-flight message. */
    boolean onPubAck(int id) {
        Inflight f = inflight.get(id);
        if (f == null || f.released || f.delivery.qos() != QoS.AT_LEAST_ONCE) {
            return false;
        }
        remove(id, f);
        stored(f.delivery, Change.ACKED);
        return true;
    }

    private void remove(int id, Inflight f) {
        inflight.remove(id);
        unweigh(f);
    }

    private void unweigh(Inflight f) {
        inflightBytes -= f.weight;
        f.weight = 0;
    }

    /** PUBREC: an error code ends the delivery, success moves it to the PUBREL phase. */
    boolean onPubRec(int id, ReasonCode reason, SessionLink link) {
        Inflight f = inflight.get(id);
        if (f == null || f.delivery.qos() != QoS.EXACTLY_ONCE) {
            return false;
        }
        if (reason.isError()) {
            remove(id, f);
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
        Inflight f = inflight.get(id);
        if (f == null || !f.released) {
            return false;
        }
        remove(id, f);
        stored(f.delivery, Change.ACKED);
        return true;
    }

    /**
     * Removes and returns what a leaving shared-subscription member hands to another member: its
     * QoS 1 deliveries in flight and its queued (never sent) QoS 1/2 deliveries.
     */
    List<Delivery> takeShared(Session leaving) {
        List<Delivery> taken = new ArrayList<>();
        for (Iterator<Inflight> it = inflight.values().iterator(); it.hasNext();) {
            Inflight f = it.next();
            // QoS 2 already sent stays: it must be completed on reconnect and never go to another member
            // [MQTT-4.8.2-4] [MQTT-4.8.2-5]; QoS 1 in flight goes to another member (4.8.2 SHOULD)
            if (f.delivery.group() != null && f.delivery.qos() == QoS.AT_LEAST_ONCE
                    && f.delivery.group().hasOtherMember(leaving)) {
                taken.add(f.delivery);
                stored(f.delivery, Change.DROPPED);
                unweigh(f);
                it.remove();
            }
        }
        for (Iterator<Delivery> it = queue.iterator(); it.hasNext();) {
            Delivery d = it.next();
            if (d.group() != null && d.qos() != QoS.AT_MOST_ONCE && d.group().hasOtherMember(leaving)) {
                taken.add(d);
                stored(d, Change.DROPPED);
                queuedBytes -= d.message().weight();
                it.remove();
            }
        }
        return taken;
    }

    /** Restores stored deliveries at start-up: sent ones in flight (resent on resume), others queued. */
    void restore(List<StoredDelivery> deliveries) {
        for (StoredDelivery sd : deliveries) {
            Delivery d = new Delivery(sd.message(), sd.qos(), sd.retain(), sd.subscriptionIds(), null, sd.seq());
            if (sd.packetId() != 0 && sd.qos() != QoS.AT_MOST_ONCE) {
                Inflight f = new Inflight(d);
                f.released = sd.released();
                if (f.released) {
                    f.weight = 0;
                }
                inflightBytes += f.weight;
                inflight.put(sd.packetId(), f);
            } else {
                queue.addLast(d);
                queuedBytes += d.message().weight();
                if (sd.possiblySent()) {
                    if (possiblySent == null) {
                        possiblySent = new java.util.HashSet<>();
                    }
                    possiblySent.add(sd.seq());
                }
            }
        }
    }

    int inflightCount() {
        return inflight.size();
    }

    int queuedCount() {
        return queue.size();
    }

    /** Bytes held against the limit: queued plus in flight. */
    long heldBytes() {
        return queuedBytes + inflightBytes;
    }

    void clear() {
        inflight.clear();
        queue.clear();
        possiblySent = null;
        queuedBytes = 0;
        inflightBytes = 0;
    }
}
