package dev.wren.broker.persistence.rocksdb;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The entry point the broker wires in for {@code durability: sync|async}: opens the RocksDB
 * store in a data directory and exposes it to the broker's persistence SPI.
 *
 * <p>Thread-safe; see {@link DurableStore}.
 */
public final class RocksPersistence implements AutoCloseable {
    private final DurableStore store;

    private RocksPersistence(DurableStore store) {
        this.store = store;
    }

    /**
     * Opens (or creates) the store in {@code dir} and recovers it.
     *
     * @param dir the data directory, e.g. {@code ./wren-data}
     * @param mode {@link Durability#SYNC} (acknowledge after fsync) or {@link Durability#ASYNC}
     * @param flushInterval async mode: the WAL fsync period, i.e. the power-loss window
     * @param moveAsideCorrupt rename a store too damaged to open to {@code <dir>.corrupt-<timestamp>}
     *     and start empty, instead of refusing to start
     * @throws StoreOpenException LOCKED when another broker uses {@code dir}, CORRUPT when it is
     *     damaged (and {@code moveAsideCorrupt} is off), IO otherwise; the message is for the operator
     */
    public static RocksPersistence open(Path dir, Durability mode, Duration flushInterval, boolean moveAsideCorrupt) {
        StoreConfig config = StoreConfig.defaults(dir).withDurability(mode).withFlushInterval(flushInterval)
                .withMoveAsideCorrupt(moveAsideCorrupt);
        return open(config);
    }

    /** Opens with every knob of {@link StoreConfig}. */
    public static RocksPersistence open(StoreConfig config) {
        return new RocksPersistence(DurableStore.open(config));
    }

    /** The typed store. */
    public DurableStore store() {
        return store;
    }

    /** What recovery found on open: WAL bytes dropped, expired sessions removed, ... (for logs and metrics). */
    public RecoveryReport recoveryReport() {
        return store.recoveryReport();
    }

    /** Group commit counters (for metrics). */
    public CommitStats stats() {
        return store.engine().stats();
    }

    /** Commits what is queued and closes the database. */
    @Override
    public void close() {
        store.close();
    }
}
