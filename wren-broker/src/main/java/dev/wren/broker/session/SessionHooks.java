package dev.wren.broker.session;

/**
 * What a session needs from the rest of the broker. Implemented by the session registry, which
 * forwards routing concerns to the router. Called on the session's loop.
 */
public interface SessionHooks {
    /** Publishes a will message (on a non-normal disconnect, after its delay, or at session end). */
    void publishWill(Session session, Message will);

    /** Removes every subscription of {@code session} from the routing index (clean start, session end). */
    void removeSubscriptions(Session session);

    /** The session went offline with a finite expiry or a delayed will: watch it. */
    void offline(Session session);

    /** A delayed will was published while the session is offline (the store must not keep it). */
    void willPublished(Session session);

    /** The session has ended; forget it. */
    void ended(Session session);
}
