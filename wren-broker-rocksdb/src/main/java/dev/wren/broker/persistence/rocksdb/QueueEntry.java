package dev.wren.broker.persistence.rocksdb;

import dev.wren.codec.QoS;
import java.util.List;
import java.util.Objects;

/**
 * One message in one session's outbound queue: a reference to a {@link StoredMessage} plus the
 * per-delivery state. Ordered by {@link #seq()} within the session.
 *
 * @param clientId the session
 * @param seq store-wide increasing sequence number: the delivery order
 * @param messageId the referenced message
 * @param qos the QoS of this delivery (the minimum of published and granted QoS)
 * @param state where the delivery stands
 * @param packetId the packet identifier once sent, otherwise 0
 * @param retain the RETAIN flag of this delivery (Retain As Published)
 * @param subscriptionIds Subscription Identifiers to send with it
 * @param sharedFilter the {@code $share/...} filter that chose this session, or {@code null}: a shared
 *     delivery may be handed to another member of the group if this session goes away
 */
public record QueueEntry(
        String clientId,
        long seq,
        long messageId,
        QoS qos,
        State state,
        int packetId,
        boolean retain,
        List<Integer> subscriptionIds,
        String sharedFilter) {

    /** The state of an outbound delivery. */
    public enum State {
        /** Not sent yet. */
        QUEUED,
        /** PUBLISH sent, waiting for PUBACK (QoS 1) or PUBREC (QoS 2). */
        SENT,
        /** QoS 2: PUBREC received, PUBREL sent, waiting for PUBCOMP. */
        RELEASED;

        private static final State[] VALUES = values();

        static State of(int ordinal) {
            if (ordinal < 0 || ordinal >= VALUES.length) {
                throw new CorruptRecordException("unknown queue entry state " + ordinal);
            }
            return VALUES[ordinal];
        }
    }

    public QueueEntry {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(state, "state");
        subscriptionIds = subscriptionIds == null ? List.of() : List.copyOf(subscriptionIds);
    }

    /** A new, unsent entry. */
    public static QueueEntry queued(String clientId, long seq, long messageId, QoS qos, boolean retain,
            List<Integer> subscriptionIds, String sharedFilter) {
        return new QueueEntry(clientId, seq, messageId, qos, State.QUEUED, 0, retain, subscriptionIds, sharedFilter);
    }

    /** This entry sent with {@code id}. */
    public QueueEntry sent(int id) {
        return new QueueEntry(clientId, seq, messageId, qos, State.SENT, id, retain, subscriptionIds, sharedFilter);
    }

    /**
     * This QoS 2 entry after PUBREC. It keeps its message reference until PUBCOMP although only
     * the packet id is needed, so that a restored delivery always has its message.
     */
    public QueueEntry released() {
        return new QueueEntry(clientId, seq, messageId, qos, State.RELEASED, packetId, retain, subscriptionIds,
                sharedFilter);
    }
}
