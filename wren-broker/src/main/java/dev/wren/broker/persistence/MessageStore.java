package dev.wren.broker.persistence;

import dev.wren.broker.session.Message;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Messages queued for persistent sessions. One message is stored once; its queue entries refer
 * to it by a store-assigned sequence number (increasing in delivery order). Thread-safe.
 */
public interface MessageStore {
    /**
     * The outcome of {@link #stored}.
     *
     * @param firstSeq sequence number of the first delivery; delivery {@code i} has {@code firstSeq + i}
     * @param durable completes when the message, its queue entries and the inbound packet id are durable
     */
    record Stored(long firstSeq, CompletionStage<Void> durable) {}

    /**
     * An inbound message and all its deliveries to persistent sessions, in one atomic write.
     *
     * @param inboundQos2PacketId the publisher's QoS 2 packet id to remember until PUBREL, or 0
     */
    Stored stored(Message message, List<QueuedDelivery> deliveries, String publisherClientId, int inboundQos2PacketId);

    /** Delivery {@code seq} was sent with {@code packetId}. */
    CompletionStage<Void> sent(String clientId, long seq, int packetId);

    /** Delivery {@code seq} is complete (PUBACK or PUBCOMP). */
    CompletionStage<Void> acked(String clientId, long seq);

    /** PUBREC received for {@code seq}: the message may go, the packet id stays until PUBCOMP. */
    CompletionStage<Void> released(String clientId, long seq);

    /** Delivery {@code seq} was dropped (expired, queue full, too large). */
    CompletionStage<Void> dropped(String clientId, long seq);

    /**
     * Whether {@link #queuePage} reads queued deliveries back, so that the broker may drop a
     * queue's messages from the heap past its memory budget (spill) and page them in later.
     */
    default boolean pagesQueues() {
        return false;
    }

    /**
     * Up to {@code limit} deliveries of {@code clientId} that are durable and still queued (never
     * sent), with sequence numbers from {@code fromSeq} on, in sequence order, each with its
     * message. A delivery whose write has not completed may be missing. A blocking read, called on
     * an event loop with a small {@code limit}: it must be a point lookup plus a short scan.
     * Only called if {@link #pagesQueues()}.
     */
    default List<StoredState.StoredDelivery> queuePage(String clientId, long fromSeq, int limit) {
        return List.of();
    }
}
