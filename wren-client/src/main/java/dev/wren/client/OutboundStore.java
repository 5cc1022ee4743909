package dev.wren.client;

import java.util.List;

/**
 * Keeps QoS 1 and 2 messages that {@code publish} accepted until the server has acknowledged
 * them, so that a durable implementation lets them survive a process restart. The client
 * calls every method on its I/O thread, in this order per message: {@link #add} when
 * accepted, {@link #sent} when a packet identifier is assigned, {@link #released} when a QoS 2
 * PUBREC arrived (only PUBREL is left to send), {@link #remove} on PUBACK/PUBCOMP or failure.
 *
 * <p>Implementations must be thread-safe; a durable one must have persisted an entry when
 * {@link #add} returns.
 */
public interface OutboundStore extends AutoCloseable {

    /**
     * One stored message.
     *
     * @param sequence order of acceptance, unique within the store
     * @param packetId packet identifier once sent, 0 before
     * @param released whether PUBREC arrived (QoS 2)
     * @param message the message as published
     */
    record Entry(long sequence, int packetId, boolean released, Message message) {}

    /** Stores a newly accepted message and returns its sequence number. */
    long add(Message message);

    /** Records the packet identifier the message was sent with. */
    void sent(long sequence, int packetId);

    /** Records that PUBREC arrived for a QoS 2 message. */
    void released(long sequence);

    /** Forgets the message: it was acknowledged or failed. */
    void remove(long sequence);

    /** Every stored entry in acceptance order, for recovery when the client starts. */
    List<Entry> entries();

    @Override
    default void close() {}
}
