package dev.wren.broker.persistence;

/**
 * A persistence back end: the three stores and the start-up load. Implementations are
 * thread-safe; the broker calls them from every event loop.
 */
public interface Persistence extends AutoCloseable {
    SessionStore sessions();

    MessageStore messages();

    RetainedPersistence retained();

    /**
     * Whether changes survive a restart. When false (the in-memory back end) the broker skips
     * every store call and acknowledges at once.
     */
    default boolean durable() {
        return true;
    }

    /** Everything stored, read once before the listener opens. */
    StoredState load();

    /** Flushes and releases the store. */
    @Override
    void close();
}
