package dev.wren.broker.session;

/** The router as the session registry sees it. */
public interface SessionRouting {
    /** Routes a will message (and stores it if retained). */
    void publishWill(Message will, Session from);

    /** Removes every subscription of {@code session} from the index; on the session's loop. */
    void removeSubscriptions(Session session);
}
