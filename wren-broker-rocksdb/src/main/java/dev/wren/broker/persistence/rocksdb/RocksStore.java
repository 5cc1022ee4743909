package dev.wren.broker.persistence.rocksdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LogFile;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage engine: one RocksDB in a data directory with a column family per {@link Table},
 * writes through a {@link GroupCommitter}, point-in-time WAL recovery and periodic compaction.
 * Knows bytes and tables, not sessions; {@link DurableStore} adds the typed operations.
 *
 * <p>Thread-safe. {@link #close()} must not race with other calls.
 */
public final class RocksStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    static {
        RocksDB.loadLibrary();
    }

    private final StoreConfig config;
    private final RocksLogBridge logger;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final List<ColumnFamilyHandle> allHandles;
    private final ColumnFamilyHandle[] handles;
    private final RocksDB db;
    private final GroupCommitter committer;
    private final Maintenance maintenance;
    private final RecoveryReport walReport;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RocksStore(StoreConfig config, RocksLogBridge logger, DBOptions dbOptions, ColumnFamilyOptions cfOptions,
            List<ColumnFamilyHandle> allHandles, RocksDB db, Path movedAsideTo, List<WalTailCheck.ZeroTail> zeroTails) {
        this.config = config;
        this.logger = logger;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.allHandles = allHandles;
        this.db = db;
        this.handles = allHandles.subList(1, allHandles.size()).toArray(ColumnFamilyHandle[]::new);
        this.committer = new GroupCommitter(db, handles, config.durability(), config.flushInterval(),
                config.maxBatchBytes());
        this.maintenance = new Maintenance(this, config.compactionInterval());
        this.walReport = walReport(logger, movedAsideTo, zeroTails);
        if (walReport.walCorruptions() > 0) {
            LOG.warn("WAL recovery in {} dropped a damaged tail ({} bytes): {}", config.dir(),
                    walReport.walBytesDropped(), walReport.walMessages());
        }
    }

    /** RocksDB's reported drops plus the zero-filled tails it cut off without a word. */
    private static RecoveryReport walReport(RocksLogBridge logger, Path movedAsideTo,
            List<WalTailCheck.ZeroTail> zeroTails) {
        List<String> messages = new ArrayList<>(logger.drops());
        long bytes = logger.droppedBytes();
        for (WalTailCheck.ZeroTail t : zeroTails) {
            messages.add(t.describe());
            bytes += t.zeroBytes();
        }
        return RecoveryReport.wal(messages.size(), bytes, messages, movedAsideTo);
    }

    /**
     * Opens (or creates) the store in {@code config.dir()}.
     *
     * @throws StoreOpenException if another process holds the directory, or it is damaged beyond
     *     WAL recovery and {@link StoreConfig#moveAsideCorrupt()} is off, or on any other error
     */
    public static RocksStore open(StoreConfig config) {
        try {
            return openOnce(config, null);
        } catch (StoreOpenException e) {
            return moveAsideAndReopen(config, e);
        }
    }

    /**
     * After {@code failure}: rethrows it unless it is CORRUPT and moving aside is enabled; then
     * renames the damaged directory and opens an empty store in its place.
     */
    static RocksStore moveAsideAndReopen(StoreConfig config, StoreOpenException failure) {
        if (failure.reason() != StoreOpenException.Reason.CORRUPT || !config.moveAsideCorrupt()) {
            throw failure;
        }
        Path aside = moveAside(config);
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        LOG.error("the store in {} was damaged ({}); moved it to {} and started with an empty store",
                config.dir(), root.getMessage(), aside);
        return openOnce(config, aside);
    }

    private static RocksStore openOnce(StoreConfig config, Path movedAsideTo) {
        createDir(config.dir());
        RocksLogBridge logger = new RocksLogBridge();
        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // A torn or corrupt WAL tail is cut off at the last consistent record instead of failing the open.
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                // Old WALs are pinned by the least recently flushed column family; this forces flushes.
                .setMaxTotalWalSize(64L << 20)
                .setDbWriteBufferSize(64L << 20)
                .setLogger(logger);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(16L << 20)
                // Room for two memtables waiting for flush before writes stall behind a slow flush.
                .setMaxWriteBufferNumber(4);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (Table t : Table.values()) {
            descriptors.add(new ColumnFamilyDescriptor(t.nameBytes(), cfOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        // Before open: recovery may delete or rewrite the logs it replayed.
        List<WalTailCheck.ZeroTail> zeroTails = WalTailCheck.scan(config.dir());
        try {
            RocksDB db = RocksDB.open(dbOptions, config.dir().toString(), descriptors, handles);
            return new RocksStore(config, logger, dbOptions, cfOptions, handles, db, movedAsideTo, zeroTails);
        } catch (RocksDBException e) {
            handles.forEach(ColumnFamilyHandle::close);
            dbOptions.close();
            cfOptions.close();
            logger.close();
            throw OpenErrors.classify(config.dir(), e);
        }
    }

    private static void createDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreOpenException(StoreOpenException.Reason.IO, dir, "cannot create " + dir + ": " + e, e);
        }
    }

    private static Path moveAside(StoreConfig config) {
        Path dir = config.dir().toAbsolutePath();
        Path aside = dir.resolveSibling(dir.getFileName() + ".corrupt-" + STAMP.format(config.clock().instant()));
        try {
            return Files.move(dir, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the damaged store " + dir + " to " + aside, e);
        }
    }

    /** Fsyncs the WAL now (for a write that must be durable in async mode too). */
    void syncWal() {
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            throw new StoreException("WAL sync of " + config.dir() + " failed: " + e.getMessage(), e);
        }
    }

    /** Queues {@code batch} for the next group commit; see {@link GroupCommitter#submit}. */
    public CompletableFuture<Void> commit(Batch batch) {
        return committer.submit(batch);
    }

    /** The value under {@code key}, or {@code null}. */
    public byte[] get(Table table, byte[] key) {
        ensureOpen();
        try {
            return db.get(handles[table.ordinal()], key);
        } catch (RocksDBException e) {
            throw new StoreException("read from " + table.cfName() + " failed", e);
        }
    }

    /** Calls {@code visitor} for every key starting with {@code prefix} (all keys if empty), in key order. */
    public void scan(Table table, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        scanFrom(table, prefix, prefix, (k, v) -> {
            visitor.accept(k, v);
            return true;
        });
    }

    /**
     * Calls {@code visitor} for the keys starting with {@code prefix}, beginning at {@code from},
     * in key order, until it returns false.
     */
    public void scanFrom(Table table, byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor) {
        ensureOpen();
        try (ReadOptions options = new ReadOptions().setFillCache(false);
                RocksIterator it = db.newIterator(handles[table.ordinal()], options)) {
            if (from.length == 0) {
                it.seekToFirst();
            } else {
                it.seek(from);
            }
            for (; it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!Keys.startsWith(key, prefix) || !visitor.test(key, it.value())) {
                    break;
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StoreException("scan of " + table.cfName() + " failed", e);
        }
    }

    /** The last key of {@code table}, or {@code null} if it is empty. */
    public byte[] lastKey(Table table) {
        ensureOpen();
        try (RocksIterator it = db.newIterator(handles[table.ordinal()])) {
            it.seekToLast();
            return it.isValid() ? it.key() : null;
        }
    }

    /** Compacts the tables where deletes pile up (queue, messages, inbound) and drops their tombstones. */
    public void compact() {
        ensureOpen();
        try {
            for (Table t : new Table[] {Table.QUEUE, Table.MESSAGES, Table.INBOUND}) {
                db.compactRange(handles[t.ordinal()]);
            }
        } catch (RocksDBException e) {
            LOG.warn("compaction of {} failed", config.dir(), e);
        }
    }

    /** Writes every memtable to SST files (tests use it to put data where corruption can reach it). */
    void flushForTest() {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            db.flush(options, allHandles);
        } catch (RocksDBException e) {
            throw new StoreException("flush failed", e);
        }
    }

    /**
     * Bytes the store occupies on disk: SST files of every column family plus live WAL files.
     * What a disk quota (reject with 0x97 Quota exceeded) compares against.
     */
    public long diskBytes() {
        ensureOpen();
        try {
            long total = db.getAggregatedLongProperty("rocksdb.total-sst-files-size");
            for (LogFile wal : db.getSortedWalFiles()) {
                total += wal.sizeFileBytes();
            }
            return total;
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the store size", e);
        }
    }

    /** A RocksDB property, such as {@code rocksdb.total-sst-files-size}, or {@code null}. */
    public String property(String name) {
        ensureOpen();
        try {
            return db.getProperty(name);
        } catch (RocksDBException e) {
            return null;
        }
    }

    /** The configuration it was opened with. */
    public StoreConfig config() {
        return config;
    }

    /** Group commit counters since open. */
    public CommitStats stats() {
        return committer.stats();
    }

    /** What WAL recovery dropped on open, and where a damaged store was moved. */
    public RecoveryReport walReport() {
        return walReport;
    }

    /** Native handles are freed by close; touching them afterwards would crash the JVM, not throw. */
    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("store " + config.dir() + " is closed");
        }
    }

    /** Commits what is queued, then releases every native resource. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            // A second close would free native handles twice and crash the JVM.
            return;
        }
        committer.close();
        maintenance.close();
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            LOG.warn("final WAL sync of {} failed", config.dir(), e);
        }
        allHandles.forEach(ColumnFamilyHandle::close);
        db.close();
        dbOptions.close();
        cfOptions.close();
        logger.close();
    }
}
