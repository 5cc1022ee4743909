package dev.wren.broker.persistence.rocksdb;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a {@link RocksStore}.
 *
 * @param dir the data directory (created if missing)
 * @param durability when a commit counts as done
 * @param flushInterval async mode: how often the WAL is fsynced, i.e. the most a power cut can lose
 * @param moveAsideCorrupt if the store is too damaged to open, rename it to
 *     {@code <dir>.corrupt-<timestamp>} and start empty, instead of refusing to start
 * @param compactionInterval how often tombstone-heavy column families are compacted; zero disables
 * @param maxBatchBytes upper bound for one group commit
 * @param clock wall clock for expiry decisions
 */
public record StoreConfig(Path dir, Durability durability, Duration flushInterval, boolean moveAsideCorrupt,
        Duration compactionInterval, int maxBatchBytes, Clock clock) {

    public StoreConfig {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(compactionInterval, "compactionInterval");
        Objects.requireNonNull(clock, "clock");
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive");
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be positive");
        }
    }

    /** Sync durability, 1 s async flush interval, refuse to start on corruption, compaction every 10 min. */
    public static StoreConfig defaults(Path dir) {
        return new StoreConfig(dir, Durability.SYNC, Duration.ofSeconds(1), false, Duration.ofMinutes(10),
                4 << 20, Clock.systemUTC());
    }

    /** A copy with another {@code durability}. */
    public StoreConfig withDurability(Durability value) {
        return new StoreConfig(dir, value, flushInterval, moveAsideCorrupt, compactionInterval, maxBatchBytes, clock);
    }

    /** A copy with another {@code flushInterval}. */
    public StoreConfig withFlushInterval(Duration value) {
        return new StoreConfig(dir, durability, value, moveAsideCorrupt, compactionInterval, maxBatchBytes, clock);
    }

    /** A copy with another {@code moveAsideCorrupt}. */
    public StoreConfig withMoveAsideCorrupt(boolean value) {
        return new StoreConfig(dir, durability, flushInterval, value, compactionInterval, maxBatchBytes, clock);
    }

    /** A copy with another {@code compactionInterval}. */
    public StoreConfig withCompactionInterval(Duration value) {
        return new StoreConfig(dir, durability, flushInterval, moveAsideCorrupt, value, maxBatchBytes, clock);
    }

    /** A copy with another {@code clock}. */
    public StoreConfig withClock(Clock value) {
        return new StoreConfig(dir, durability, flushInterval, moveAsideCorrupt, compactionInterval, maxBatchBytes, value);
    }
}
