package dev.wren.broker.persistence.rocksdb;

/**
 * When a write counts as done. {@code none} (no disk at all) is the broker's in-memory store
 * and not a mode of this module.
 */
public enum Durability {
    /**
     * A commit completes after its WAL record is fsynced: it survives {@code kill -9} and power
     * loss. Concurrent commits share one fsync (group commit).
     */
    SYNC,
    /**
     * A commit completes after its WAL record is handed to the operating system without fsync:
     * it survives {@code kill -9} but not a power cut or kernel crash. A background
     * {@code flushWal(true)} every flush interval bounds what a power cut can lose to that interval.
     */
    ASYNC;

    /**
     * The mode for a config value {@code sync} or {@code async} (any case).
     *
     * @throws IllegalArgumentException for anything else; {@code none} is the broker's memory store
     */
    public static Durability parse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "sync" -> SYNC;
            case "async" -> ASYNC;
            default -> throw new IllegalArgumentException("durability must be sync or async here (none is the"
                    + " in-memory store), not '" + value + "'");
        };
    }
}
