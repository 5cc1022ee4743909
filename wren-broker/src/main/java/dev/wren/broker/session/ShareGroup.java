package dev.wren.broker.session;

/**
 * A shared-subscription group as the session sees it: where to send a QoS 1/2 message that a
 * member leaving the group had not got acknowledged.
 */
public interface ShareGroup {
    /** Whether a member other than {@code leaving} exists to take its messages. */
    boolean hasOtherMember(Session leaving);

    /** Hands {@code delivery} to another member than {@code leaving}, or drops it if there is none. */
    void redeliver(Delivery delivery, Session leaving);
}
