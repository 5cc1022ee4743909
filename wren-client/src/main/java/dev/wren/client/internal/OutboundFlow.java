package dev.wren.client.internal;

import dev.wren.client.Message;
import dev.wren.client.MqttClientException;
import dev.wren.client.OfflinePolicy;
import dev.wren.client.OutboundStore;
import dev.wren.client.PublishResult;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.Topics;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Outgoing PUBLISH flows (QoS 0, 1 and 2), sans-IO: accepts messages, assigns packet ids,
 * honours the server's Receive Maximum as a send quota [MQTT-4.9.0-2], buffers while offline
 * with a bound and policy, retransmits with DUP on session resumption [MQTT-4.4.0-1], and
 * completes each publish future on its final acknowledgement.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class OutboundFlow {
    private final PacketIds ids;
    private final OutboundStore store;
    private final int bufferSize;
    private final OfflinePolicy policy;
    private final boolean autoAliases;
    private final OutboundAliases aliases = new OutboundAliases();
    private final LinkedHashMap<Integer, Pending> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private SessionOutput out;
    private int quota;
    private int maximumQos = 2;
    private boolean retainAvailable = true;

    /** One accepted message; {@code packetId} and {@code released} change as it goes through its flow. */
    private static final class Pending {
        final Message message;
        final long sequence;
        final CompletableFuture<PublishResult> future;
        int packetId;
        boolean released;

        Pending(Message message, long sequence, CompletableFuture<PublishResult> future) {
            this.message = message;
            this.sequence = sequence;
            this.future = future;
        }
    }

    OutboundFlow(PacketIds ids, OutboundStore store, int bufferSize, OfflinePolicy policy, boolean autoAliases) {
        this.ids = ids;
        this.store = store;
        this.bufferSize = bufferSize;
        this.policy = policy;
        this.autoAliases = autoAliases;
    }

    /**
     * Restores what a durable store kept from an earlier run, before the first connect: sent
     * messages become in-flight again under their packet id (so a resumed session retransmits
     * them with DUP), the others wait in the queue. Nobody waits on their futures any more.
     */
    void recover(List<OutboundStore.Entry> entries) {
        for (OutboundStore.Entry e : entries) {
            Pending p = new Pending(e.message(), e.sequence(), new CompletableFuture<>());
            if (e.packetId() > 0 && ids.claim(e.packetId())) {
                p.packetId = e.packetId();
                p.released = e.released();
                inFlight.put(p.packetId, p);
            } else {
                queue.add(p);
            }
        }
    }

    /** Accepts a message; the future completes on its acknowledgement or fails with the reason. */
    CompletableFuture<PublishResult> publish(Message message) {
        String problem = Topics.checkName(message.topic());
        if (problem != null) {
            return Failures.failed(new MqttClientException(ReasonCode.TOPIC_NAME_INVALID, "invalid topic", problem));
        }
        if (out != null && message.qos().value() > maximumQos) {
            return Failures.failed(new MqttClientException(ReasonCode.QOS_NOT_SUPPORTED,
                    "the server accepts at most QoS " + maximumQos, null));
        }
        if (out != null && message.retain() && !retainAvailable) {
            return Failures.failed(new MqttClientException(ReasonCode.RETAIN_NOT_SUPPORTED,
                    "the server does not support retained messages", null));
        }
        CompletableFuture<PublishResult> future = new CompletableFuture<>();
        if (!makeRoom(future)) {
            return future;
        }
        long sequence = message.qos() == QoS.AT_MOST_ONCE ? 0 : store.add(message);
        queue.add(new Pending(message, sequence, future));
        drain();
        return future;
    }

    private boolean makeRoom(CompletableFuture<PublishResult> future) {
        if (queue.size() < bufferSize || (out != null && queue.isEmpty())) {
            return true;
        }
        if (policy == OfflinePolicy.REJECT_NEW || bufferSize == 0) {
            future.completeExceptionally(Failures.local("offline buffer full (" + bufferSize + " messages)"));
            return false;
        }
        Pending oldest = queue.poll();
        forget(oldest);
        oldest.future.completeExceptionally(Failures.local("dropped from the full offline buffer"));
        return true;
    }

    /** The connection is up; {@code sessionPresent} decides between retransmission and starting over. */
    void onConnected(SessionOutput output, boolean sessionPresent, ConnAckProperties props) {
        out = output;
        maximumQos = props.maximumQos();
        retainAvailable = props.retainAvailable();
        aliases.reset(autoAliases ? props.topicAliasMaximum() : 0);
        if (sessionPresent) {
            retransmit();
        } else {
            restartInFlight();
        }
        quota = props.receiveMaximum() - inFlight.size();
        drain();
    }

    /** Resend every unacknowledged exchange in its original order [MQTT-4.4.0-1], [MQTT-4.6.0-1]. */
    private void retransmit() {
        for (Pending p : inFlight.values()) {
            if (p.released) {
                out.send(new PubRel(p.packetId));
            } else {
                out.send(toPublish(p, true));
            }
        }
    }

    /**
     * The server has no session: its half of every exchange is gone [MQTT-3.2.2-5]. A QoS 2
     * message whose PUBREC arrived was received, so it succeeded; the others go back to the
     * front of the queue as new messages, so nothing the application published is lost.
     */
    private void restartInFlight() {
        List<Pending> again = new ArrayList<>();
        for (Pending p : inFlight.values()) {
            ids.release(p.packetId);
            if (p.released) {
                store.remove(p.sequence);
                p.future.complete(new PublishResult(ReasonCode.SUCCESS, null, List.of()));
            } else {
                p.packetId = 0;
                again.add(p);
            }
        }
        inFlight.clear();
        for (int i = again.size() - 1; i >= 0; i--) {
            queue.addFirst(again.get(i));
        }
    }

    void onDisconnected() {
        out = null;
    }

    /** Sends queued messages while the connection and the send quota allow. */
    void drain() {
        // Not writable: the socket buffer is above its high-water mark; keep messages here, bounded
        // by the offline buffer, instead of in Netty's unbounded outbound buffer.
        while (out != null && !queue.isEmpty() && out.isWritable()) {
            Pending p = queue.peek();
            if (p.message.qos() != QoS.AT_MOST_ONCE && (quota <= 0 || !assignId(p))) {
                return;
            }
            queue.poll();
            if (p.message.qos() == QoS.AT_MOST_ONCE) {
                out.sendQos0(toPublish(p, false), p.future);
            } else {
                out.send(toPublish(p, false));
            }
        }
    }

    private boolean assignId(Pending p) {
        int id = ids.allocate();
        if (id == 0) {
            return false;
        }
        p.packetId = id;
        quota--;
        store.sent(p.sequence, id);
        inFlight.put(id, p);
        return true;
    }

    private Publish toPublish(Pending p, boolean dup) {
        Message m = p.message;
        int alias = dup ? 0 : aliases.aliasFor(m.topic());
        String topic = alias > 0 ? "" : m.topic();
        return new Publish(topic, m.payload(), m.qos(), m.retain(), dup, p.packetId, m.properties(),
                Math.abs(alias), List.of());
    }

    void onPubAck(PubAck ack) {
        finish(ack, "publish");
    }

    void onPubComp(PubComp comp) {
        finish(comp, "publish");
    }

    void onPubRec(PubRec rec) {
        Pending p = inFlight.get(rec.packetId());
        if (p == null || p.message.qos() != QoS.EXACTLY_ONCE) {
            // An unknown id: answer so the server can end its flow [MQTT-4.3.3].
            out.send(new PubRel(rec.packetId(), ReasonCode.PACKET_IDENTIFIER_NOT_FOUND));
            return;
        }
        if (rec.reasonCode().isError()) {
            finish(rec, "publish");
            return;
        }
        if (!p.released) {
            p.released = true;
            store.released(p.sequence);
        }
        out.send(new PubRel(rec.packetId()));
    }

    private void finish(PublishResponse response, String what) {
        Pending p = inFlight.remove(response.packetId());
        if (p == null) {
            return;
        }
        ids.release(p.packetId);
        quota++;
        store.remove(p.sequence);
        if (response.reasonCode().isError()) {
            p.future.completeExceptionally(Failures.rejected(what + " to '" + p.message.topic() + "'",
                    response.reasonCode(), response.reasonString()));
        } else {
            p.future.complete(new PublishResult(response.reasonCode(), response.reasonString(),
                    response.userProperties()));
        }
        drain();
    }

    /** Fails an in-flight message that was never written (e.g. too large) and frees its id. */
    void reject(int packetId, MqttClientException reason) {
        Pending p = inFlight.remove(packetId);
        if (p == null) {
            return;
        }
        ids.release(packetId);
        quota++;
        store.remove(p.sequence);
        p.future.completeExceptionally(reason);
        drain();
    }

    /** Fails every pending future (the client is closing); durable entries stay in the store. */
    void failAll(MqttClientException reason) {
        for (Pending p : inFlight.values()) {
            p.future.completeExceptionally(reason);
        }
        for (Pending p : queue) {
            p.future.completeExceptionally(reason);
        }
        inFlight.clear();
        queue.clear();
    }

    private void forget(Pending p) {
        if (p.sequence != 0) {
            store.remove(p.sequence);
        }
    }

    /** Messages sent and not yet acknowledged. */
    int inFlightCount() {
        return inFlight.size();
    }

    /** Messages accepted but not yet sent. */
    int queuedCount() {
        return queue.size();
    }
}
