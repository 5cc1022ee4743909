package dev.wren.broker.persistence.rocksdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writers {@link #submit} fragments from any thread and get a future that
 * completes once the RocksDB write containing the fragment is durable per {@link Durability}.
 *
 * <p>One committer thread takes the first waiting fragment and everything else submitted
 * meanwhile (up to a byte cap) and writes it all as one WriteBatch with one fsync. While that
 * fsync runs, new fragments pile up and form the next batch, so the batch size adapts to the
 * load without a fixed waiting window: one writer gets one fsync per commit at the disk's
 * latency, N concurrent writers share one fsync.
 *
 * <p>Futures are completed on the committer thread, in submission order; dependants should be
 * cheap or hop to their own executor, or they delay the next fsync.
 *
 * <p>In async mode a second thread fsyncs the WAL every flush interval.
 *
 * <p>Thread-safe. The committer thread is the only user of the native objects it owns.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final Pending STOP = new Pending(new Batch(), new CompletableFuture<>(), 0);

    private record Pending(Batch batch, CompletableFuture<Void> done, long submittedNanos) {}

    private final RocksDB db;
    private final ColumnFamilyHandle[] handles;
    private final Durability durability;
    private final ScheduledExecutorService walSync;
    private final int maxBatchBytes;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Object lifecycle = new Object();
    private boolean closed;

    private final LongAdder fsyncs = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder fragments = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder totalLatency = new LongAdder();
    private final AtomicLong maxLatency = new AtomicLong();

    /**
     * Starts the committer thread.
     *
     * @param db the open database, closed by the caller after {@link #close()}
     * @param handles column family handles indexed by {@link Table#ordinal()}
     * @param durability sync or async
     * @param flushInterval in async mode, how often the WAL is fsynced (the power-loss window)
     * @param maxBatchBytes a batch stops growing past this many bytes, to bound one write's latency
     */
    public GroupCommitter(RocksDB db, ColumnFamilyHandle[] handles, Durability durability, Duration flushInterval,
            int maxBatchBytes) {
        this.db = db;
        this.handles = handles.clone();
        this.durability = durability;
        this.maxBatchBytes = maxBatchBytes;
        this.thread = Thread.ofPlatform().name("wren-group-commit").daemon().start(this::run);
        this.walSync = durability == Durability.ASYNC ? startWalSync(flushInterval) : null;
    }

    /**
     * Async mode fsyncs the WAL on its own thread: done on the committer thread, syncing a second's
     * worth of WAL would stall every commit behind it.
     */
    private ScheduledExecutorService startWalSync(Duration interval) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("wren-wal-sync").daemon().unstarted(r));
        long nanos = Math.max(1, interval.toNanos());
        s.scheduleWithFixedDelay(this::flushWal, nanos, nanos, TimeUnit.NANOSECONDS);
        return s;
    }

    /**
     * Queues {@code batch} for the next group commit. The caller must not touch it afterwards.
     *
     * @return completes when the batch is durable, or exceptionally with the RocksDB error (the
     *     caller must then not acknowledge) or {@link IllegalStateException} after {@link #close()}
     */
    public CompletableFuture<Void> submit(Batch batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lifecycle) {
            // Under the lock so that nothing is queued behind STOP and never completed.
            if (closed) {
                done.completeExceptionally(new IllegalStateException("store is closed"));
                return done;
            }
            queue.add(new Pending(batch, done, System.nanoTime()));
        }
        return done;
    }

    /** The counters so far. */
    public CommitStats stats() {
        return new CommitStats(fsyncs.sum(), batches.sum(), fragments.sum(), bytes.sum(), failures.sum(),
                totalLatency.sum(), maxLatency.get(), cancelled.sum());
    }

    /** Commits everything submitted so far, stops the thread and fsyncs the WAL once more. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join();
            if (walSync != null) {
                walSync.shutdownNow();
                walSync.awaitTermination(1, TimeUnit.MINUTES);
                flushWal();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (WriteOptions options = new WriteOptions().setSync(durability == Durability.SYNC)) {
            List<Pending> group = new ArrayList<>();
            boolean stopping = false;
            while (!stopping) {
                stopping = collect(queue.take(), group);
                commit(group, options);
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failRemaining();
    }

    /** Adds {@code first} and whatever else is waiting to {@code group}; true when STOP was seen. */
    private boolean collect(Pending first, List<Pending> group) {
        Pending next = first;
        int size = 0;
        while (next != null) {
            if (next == STOP) {
                return true;
            }
            group.add(next);
            size += next.batch().sizeBytes();
            if (size >= maxBatchBytes) {
                return false;
            }
            next = queue.poll();
        }
        return false;
    }

    private void commit(List<Pending> group, WriteOptions options) {
        if (group.isEmpty()) {
            return;
        }
        long size = 0;
        for (Pending p : group) {
            p.batch().seal(); // first, so that even a failed write leaves nothing cancellable behind
        }
        try (WriteBatch wb = new WriteBatch()) {
            for (Pending p : group) {
                apply(wb, p.batch());
                size += p.batch().sizeBytes();
            }
            db.write(options, wb);
        } catch (RocksDBException | RuntimeException e) {
            LOG.error("group commit of {} writes failed; none is acknowledged", group.size(), e);
            failures.add(group.size());
            group.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        batches.increment();
        if (options.sync()) {
            fsyncs.increment();
        }
        fragments.add(group.size());
        bytes.add(size);
        long now = System.nanoTime();
        for (Pending p : group) {
            long latency = now - p.submittedNanos();
            totalLatency.add(latency);
            maxLatency.accumulateAndGet(latency, Math::max);
            p.done().complete(null);
        }
    }

    private void apply(WriteBatch wb, Batch batch) throws RocksDBException {
        List<Batch.Op> ops = batch.ops();
        for (int i = 0; i < ops.size(); i++) {
            if (batch.isCancelled(i)) {
                cancelled.increment();
                continue;
            }
            Batch.Op op = ops.get(i);
            ColumnFamilyHandle cf = handles[op.table().ordinal()];
            if (op.rangeEnd() != null) {
                wb.deleteRange(cf, op.key(), op.rangeEnd());
            } else if (op.value() == null) {
                wb.delete(cf, op.key());
            } else {
                wb.put(cf, op.key(), op.value());
            }
        }
    }

    private void flushWal() {
        try {
            db.flushWal(true);
            fsyncs.increment();
        } catch (RocksDBException e) {
            LOG.error("periodic WAL fsync failed: writes since the last one may be lost on power failure", e);
        }
    }

    private void failRemaining() {
        IllegalStateException closedError = new IllegalStateException("store is closed");
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            p.done().completeExceptionally(closedError);
        }
    }
}
