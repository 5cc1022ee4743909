package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.RetainedPersistence;
import dev.wren.broker.persistence.SessionStore;
import dev.wren.broker.persistence.StoreStatistics;
import dev.wren.broker.persistence.StoredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The broker's {@link Persistence} for {@code durability: sync|async}: the RocksDB store in a
 * data directory behind the persistence SPI. Every stage returned completes on the group
 * commit thread once the change is durable per {@link Durability}.
 *
 * <p>Thread-safe; see {@link DurableStore}.
 */
public final class RocksPersistence implements Persistence {
    private final DurableStore store;
    private final LiveEntries live = new LiveEntries();
    private final RocksSessionStore sessions;
    private final RocksMessageStore messages;
    private final RetainedPersistence retained;
    private boolean closed;
    private StoreStatistics last = StoreStatistics.NONE;

    private RocksPersistence(DurableStore store) {
        this.store = store;
        this.sessions = new RocksSessionStore(store, live);
        this.messages = new RocksMessageStore(store, live);
        this.retained = message -> store.commit(store.stageRetain(new Batch(),
                Conversions.toStored(0, message, null, store.engine().config().clock().millis())));
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

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public RetainedPersistence retained() {
        return retained;
    }

    /**
     * True: {@code StoredSession.will()} is the pending will (see {@link StoredSession#will()}),
     * so the broker restores it.
     */
    @Override
    public boolean restoresWills() {
        return true;
    }

    /** Reads every session, queue and retained message; call once, before any other call. */
    @Override
    public StoredState load() {
        return new StateLoader(store, live, sessions).load();
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

    /** Bytes on disk (SSTs + WAL), for a disk quota. */
    @Override
    public long diskBytes() {
        return store.engine().diskBytes();
    }

    /**
     * Counters, size and recovery report for metrics. Synchronized with {@link #close()}: the
     * size is read from native handles, which must not be touched once freed; after close the
     * last figures are returned.
     */
    @Override
    public synchronized StoreStatistics statistics() {
        if (closed) {
            return last;
        }
        CommitStats c = stats();
        RecoveryReport r = recoveryReport();
        last = new StoreStatistics(c.fragments(), c.batches(), c.fsyncs(), c.failures(), c.cancelledWrites(),
                Math.round(c.averageLatencyMicros()), c.maxLatencyNanos() / 1000, diskBytes(),
                new StoreStatistics.Recovery(r.walCorruptions(), r.walBytesDropped(), r.movedAsideTo() != null,
                        r.expiredSessions(), r.droppedQueueEntries()));
        return last;
    }

    /** Usable bytes on the data directory's file system, for the quota's minimum free space. */
    @Override
    public long usableDiskBytes() {
        try {
            return Files.getFileStore(store.engine().config().dir()).getUsableSpace();
        } catch (IOException e) {
            throw new StoreException("cannot read the free space of " + store.engine().config().dir(), e);
        }
    }

    /**
     * Commits what is queued, writes the SENT state of the QoS 1 deliveries in flight (kept in
     * memory only while running) with a clean-shutdown marker, and closes the database. Call
     * after the broker has stopped sending.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        statistics();
        closed = true;
        store.closeCleanly(live.unwrittenQos1InFlight());
    }
}
