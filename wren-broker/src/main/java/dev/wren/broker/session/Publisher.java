package dev.wren.broker.session;

/**
 * The connection a message is being routed from, as the target sessions see it: a congested
 * target asks it to stop reading (publisher back-pressure). Called on the publisher's loop,
 * synchronously while its message is routed.
 */
public interface Publisher {
    /** {@code target} is a draining session above its high water mark after this delivery. */
    void congested(Session target);
}
