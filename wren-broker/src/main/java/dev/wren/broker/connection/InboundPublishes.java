package dev.wren.broker.connection;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.SessionStore;
import dev.wren.broker.persistence.Stages;
import dev.wren.broker.routing.Router;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.Session;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.Utf8Payloads;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The inbound half of the QoS flows for one connection: alias resolution, checks, routing and
 * the acknowledgement. Inbound QoS 2 is delivered once, on the first PUBLISH; a resent PUBLISH
 * with an id still awaiting PUBREL is only acknowledged again (method A of [MQTT-4.3.3]).
 *
 * <p>Thread confinement: the connection's loop.
 */
final class InboundPublishes {
    private final Connection conn;
    private final BrokerContext ctx;
    private final BrokerConfig cfg;
    /**
     * PUBACKs/PUBRECs in the order their PUBLISHes arrived, from the first one still waiting for
     * the store on: a later acknowledgement must not overtake an earlier one (a message with
     * nothing to store is durable at once) [MQTT-4.6.0-2] [MQTT-4.6.0-3]. Empty (and untouched)
     * unless a store write is pending.
     */
    private final ArrayDeque<PendingAck> pendingAcks = new ArrayDeque<>();
    /** Whether {@link #ackFlush} is posted and has not started yet; set by store threads, cleared on the loop. */
    private final AtomicBoolean ackFlushScheduled = new AtomicBoolean();
    private final Runnable ackFlush = this::flushReadyAcks;
    private final Runnable writeReadyAcks = this::writeReadyAcks;

    InboundPublishes(Connection conn, BrokerContext ctx) {
        this.conn = conn;
        this.ctx = ctx;
        this.cfg = ctx.config();
    }

    void onPublish(Publish p, Session session, TopicAliases aliases) {
        ctx.metrics().increment(Metric.PUBLISH_RECEIVED);
        String topic = aliases.resolve(p);
        if (topic == null) {
            if (aliases.problem() == TopicAliases.Problem.ALIAS_INVALID) {
                conn.disconnect(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias out of range");
            } else {
                conn.protocolError("topic alias without a mapping");
            }
            return;
        }
        if (p.qos().value() > cfg.maxQos()) {
            conn.disconnect(ReasonCode.QOS_NOT_SUPPORTED, "QoS above Maximum QoS"); // [MQTT-3.2.2-11]
            return;
        }
        if (p.retain() && !cfg.retainAvailable()) {
            conn.disconnect(ReasonCode.RETAIN_NOT_SUPPORTED, "retain not available"); // [MQTT-3.2.2-14]
            return;
        }
        if (p.qos() == QoS.EXACTLY_ONCE) {
            if (session.inboundQos2().contains(p.packetId())) {
                writeAck(new PubRec(p.packetId())); // duplicate before PUBREL: not delivered again
                return;
            }
            if (session.inboundQos2().size() >= conn.inboundReceiveMaximum()) {
                conn.disconnect(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "more than Receive Maximum QoS 2 PUBLISHes");
                return;
            }
        }
        ReasonCode refused = check(topic, p, conn.clientId(), conn.username());
        if (refused == null && p.qos() != QoS.AT_MOST_ONCE) {
            refused = ctx.admission().refusal(conn.clientId()); // memory budget: 0x97 (3.x: closed)
        }
        if (refused != null) {
            reject(p, refused);
            return;
        }
        long now = ctx.clock().millis();
        Message m = new Message(topic, p.payload(), p.qos(), p.retain(), p.properties(), conn.clientId(),
                p.properties().hasMessageExpiry() ? now + p.properties().messageExpiryInterval() * 1000 : Long.MAX_VALUE);
        if (p.qos() != QoS.AT_MOST_ONCE && ctx.router().durable()) {
            publishDurably(p, m, session);
            return;
        }
        int reached = ctx.router().publish(m, conn.publisher());
        if (reached == 0) {
            ctx.metrics().increment(Metric.PUBLISH_NO_SUBSCRIBERS);
        }
        acknowledge(p, session, reached == 0 && conn.isV5() ? ReasonCode.NO_MATCHING_SUBSCRIBERS : ReasonCode.SUCCESS);
    }

    /** Acknowledges only once the message (and its deliveries to persistent sessions) is durable. */
    private void publishDurably(Publish p, Message m, Session session) {
        boolean qos2 = p.qos() == QoS.EXACTLY_ONCE;
        if (qos2) {
            session.inboundQos2().add(p.packetId()); // a resend while the store works is a duplicate
        }
        Router.Outcome out = ctx.router().publishDurably(m, conn.clientId(),
                qos2 && session.isPersistent() ? p.packetId() : 0, conn.publisher(), conn.transport().loop(),
                ctx.admission().diskQuotaReached());
        if (out == Router.Outcome.STORE_REFUSED) { // disk quota: 0x97 (3.x: closed), counted and logged
            if (qos2) {
                session.inboundQos2().remove(p.packetId());
            }
            ctx.admission().refusedForDisk(conn.clientId());
            reject(p, ReasonCode.QUOTA_EXCEEDED);
            return;
        }
        if (out.reached() == 0) {
            ctx.metrics().increment(Metric.PUBLISH_NO_SUBSCRIBERS);
        }
        ReasonCode rc = out.reached() == 0 && conn.isV5() ? ReasonCode.NO_MATCHING_SUBSCRIBERS : ReasonCode.SUCCESS;
        CompletionStage<Void> durable = out.durable();
        if (pendingAcks.isEmpty() && durable instanceof CompletableFuture<Void> f && f.isDone()) {
            ackDurable(p, session, rc, !f.isCompletedExceptionally()); // fast path: nothing earlier waits
            return;
        }
        // an earlier acknowledgement still waits for the store, or this one does: keep arrival order
        PendingAck a = new PendingAck(p, session, rc, null);
        pendingAcks.addLast(a);
        if (durable instanceof CompletableFuture<Void> f && f.isDone()) {
            a.ok = !f.isCompletedExceptionally();
            a.done = true;
            writeReadyAcks();
            return;
        }
        durable.whenComplete(a);
    }

    /**
     * Called on the store's thread when a write an acknowledgement waits for completes: one
     * group commit completes many, so only the first since the last run posts {@link #ackFlush}
     * to the loop, which writes every ready acknowledgement and flushes once (not one task and
     * one flush per message).
     */
    private void scheduleAckFlush() {
        if (!ackFlushScheduled.get() && ackFlushScheduled.compareAndSet(false, true)) {
            conn.transport().loop().execute(ackFlush);
        }
    }

    private void flushReadyAcks() {
        ackFlushScheduled.set(false); // before reading: a completion from now on posts another run
        conn.afterStore(writeReadyAcks);
    }

    private void ackDurable(Publish p, Session session, ReasonCode rc, boolean ok) {
        boolean qos2 = p.qos() == QoS.EXACTLY_ONCE;
        if (ok) {
            conn.writeAfterStore(qos2 ? new PubRec(p.packetId(), rc) : new PubAck(p.packetId(), rc));
        } else if (conn.isV5()) {
            session.inboundQos2().remove(p.packetId());
            ReasonCode failed = ReasonCode.UNSPECIFIED_ERROR;
            conn.writeAfterStore(qos2 ? new PubRec(p.packetId(), failed) : new PubAck(p.packetId(), failed));
        } else {
            conn.disconnect(ReasonCode.UNSPECIFIED_ERROR, "message store failed"); // 3.x: no negative ack
        }
    }

    /**
     * A PUBACK/PUBREC not waiting for the store itself: written at once unless an earlier one
     * still waits, then queued behind it, so the order stays the PUBLISHes' [MQTT-4.6.0-2] [MQTT-4.6.0-3].
     */
    private void writeAck(MqttPacket ack) {
        if (pendingAcks.isEmpty()) {
            conn.write(ack);
        } else {
            PendingAck a = new PendingAck(null, null, null, ack);
            a.done = true;
            pendingAcks.addLast(a);
        }
    }

    /** Writes the acknowledgements at the head of the queue whose store writes have completed. */
    private void writeReadyAcks() {
        PendingAck a;
        while ((a = pendingAcks.peekFirst()) != null && a.done) {
            pendingAcks.pollFirst();
            if (a.ready != null) {
                conn.writeAfterStore(a.ready);
            } else {
                ackDurable(a.publish, a.session, a.rc, a.ok);
            }
        }
    }

    /**
     * An acknowledgement waiting for its store write or for an earlier acknowledgement. It is
     * its own completion callback (no lambda per message): the store's thread sets {@code ok},
     * then the volatile {@code done}, which the loop reads first.
     */
    private final class PendingAck implements BiConsumer<Void, Throwable> {
        final Publish publish;
        final Session session;
        final ReasonCode rc;
        /** A packet already known (not waiting for the store), or {@code null}. */
        final MqttPacket ready;
        volatile boolean done;
        boolean ok;

        PendingAck(Publish publish, Session session, ReasonCode rc, MqttPacket ready) {
            this.publish = publish;
            this.session = session;
            this.rc = rc;
            this.ready = ready;
        }

        @Override
        public void accept(Void ignored, Throwable failure) {
            ok = failure == null;
            done = true;
            scheduleAckFlush();
        }
    }

    private ReasonCode check(String topic, Publish p, String clientId, String username) {
        if (TopicLimits.check(topic, cfg) != null) {
            return ReasonCode.TOPIC_NAME_INVALID;
        }
        if (!ctx.authorizer().canPublish(clientId, username, topic)) {
            return ReasonCode.NOT_AUTHORIZED;
        }
        if (p.properties().payloadUtf8() && !isUtf8(p.payload())) {
            return ReasonCode.PAYLOAD_FORMAT_INVALID; // MQTT 5.0 3.3.2.3.2 allows 0x99
        }
        return null;
    }

    private void reject(Publish p, ReasonCode reason) {
        ctx.metrics().dropped(Metric.PUBLISH_REJECTED, conn.clientId());
        if (!conn.isV5()) {
            if (reason == ReasonCode.NOT_AUTHORIZED && p.qos() != QoS.AT_MOST_ONCE) {
                acknowledgeV3(p); // 3.1.1 has no negative acknowledgement; the message is dropped
            } else if (reason != ReasonCode.NOT_AUTHORIZED) {
                conn.disconnect(reason, "publish refused");
            }
            return;
        }
        switch (p.qos()) {
            case AT_MOST_ONCE -> { }
            case AT_LEAST_ONCE -> writeAck(new PubAck(p.packetId(), reason));
            case EXACTLY_ONCE -> writeAck(new PubRec(p.packetId(), reason));
        }
    }

    private void acknowledgeV3(Publish p) {
        if (p.qos() == QoS.AT_LEAST_ONCE) {
            writeAck(new PubAck(p.packetId()));
        } else {
            writeAck(new PubRec(p.packetId()));
            conn.session().inboundQos2().add(p.packetId());
        }
    }

    private void acknowledge(Publish p, Session session, ReasonCode reason) {
        switch (p.qos()) {
            case AT_MOST_ONCE -> { }
            case AT_LEAST_ONCE -> writeAck(new PubAck(p.packetId(), reason));
            case EXACTLY_ONCE -> {
                session.inboundQos2().add(p.packetId());
                writeAck(new PubRec(p.packetId(), reason));
            }
        }
    }

    /** PUBREL: releases the packet id and completes with PUBCOMP [MQTT-4.3.3-11] [MQTT-4.3.3-12]. */
    void onPubRel(PubRel r, Session session) {
        boolean known = session.inboundQos2().remove(r.packetId());
        PubComp comp = new PubComp(r.packetId(),
                known || !conn.isV5() ? ReasonCode.SUCCESS : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
        SessionStore store = ctx.storeFor(session);
        if (store == null || !known) {
            conn.write(comp);
            return;
        }
        Stages.whenDurable(store.inboundReleased(conn.clientId(), r.packetId()), conn.transport().loop(),
                ok -> conn.writeAfterStore(comp));
    }

    private static boolean isUtf8(Binary payload) {
        return Utf8Payloads.isWellFormed(payload.unsafeArray()); // no decoder, no char buffer per PUBLISH
    }
}
