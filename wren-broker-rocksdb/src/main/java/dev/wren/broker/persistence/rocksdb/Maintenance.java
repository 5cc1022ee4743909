package dev.wren.broker.persistence.rocksdb;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Periodic compaction of the delete-heavy column families. A queue that is appended to and
 * deleted from all day leaves tombstones that RocksDB's size-triggered compaction may not reach
 * for a long time; they cost disk space and slow down every prefix scan over the queue.
 *
 * <p>Thread-safe: owns one daemon scheduler thread.
 */
final class Maintenance implements AutoCloseable {
    private final ScheduledExecutorService scheduler;

    Maintenance(RocksStore store, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            scheduler = null;
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("wren-store-maintenance").daemon().unstarted(r));
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(store::compact, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
