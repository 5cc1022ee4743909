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

    /**
     * Whether {@code StoredSession.will()} is the will still pending (the one passed to the
     * four-argument {@link SessionStore#disconnected(String, long, long, dev.wren.codec.packet.Will)},
     * or for a session that was online when the broker stopped, the will of its connection). Only
     * then does the broker restore it, due at {@code disconnectedAtMillis} plus its delay
     * (bounded by the session expiry). Default false: a store that keeps the CONNECT's will even
     * after it was published or suppressed must not have it published again.
     */
    default boolean restoresWills() {
        return false;
    }

    /** Counters, size on disk and the recovery report, for metrics and {@code $SYS}. */
    default StoreStatistics statistics() {
        return StoreStatistics.NONE;
    }

    /**
     * Bytes the store occupies on disk, or -1 if it keeps nothing on disk. Called periodically by
     * the disk quota check, off the event loops; may take a few milliseconds.
     */
    default long diskBytes() {
        return -1;
    }

    /**
     * Bytes still usable on the file system that holds the store, or -1 if it keeps nothing on
     * disk. Called like {@link #diskBytes()}.
     */
    default long usableDiskBytes() {
        return -1;
    }

    /** Everything stored, read once before the listener opens. */
    StoredState load();

    /** Flushes and releases the store. */
    @Override
    void close();
}
