package dev.wren.broker.metrics;

import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.StoreStatistics;
import java.util.function.ToLongFunction;

/**
 * Exposes a durable store's statistics as broker metrics (and so as {@code $SYS/broker/store/...}):
 * gauges over its live counters, and the recovery report of the last start as fixed values.
 */
public final class StoreMetrics {
    private StoreMetrics() {}

    /** Registers the store gauges of {@code persistence} on {@code metrics} and records its recovery report. */
    public static void register(BrokerMetrics metrics, Persistence persistence) {
        gauge(metrics, Metric.STORE_COMMITS, persistence, StoreStatistics::commits);
        gauge(metrics, Metric.STORE_WRITES, persistence, StoreStatistics::writes);
        gauge(metrics, Metric.STORE_FSYNCS, persistence, StoreStatistics::fsyncs);
        gauge(metrics, Metric.STORE_FAILURES, persistence, StoreStatistics::failures);
        gauge(metrics, Metric.STORE_CANCELLED_WRITES, persistence, StoreStatistics::cancelledWrites);
        gauge(metrics, Metric.STORE_COMMIT_MICROS_AVG, persistence, StoreStatistics::averageCommitMicros);
        gauge(metrics, Metric.STORE_COMMIT_MICROS_MAX, persistence, StoreStatistics::maxCommitMicros);
        gauge(metrics, Metric.STORE_DISK_BYTES, persistence, StoreStatistics::diskBytes);
        StoreStatistics.Recovery r = persistence.statistics().recovery();
        metrics.add(Metric.STORE_RECOVERY_WAL_RECORDS_DROPPED, r.walRecordsDropped());
        metrics.add(Metric.STORE_RECOVERY_WAL_BYTES_DROPPED, r.walBytesDropped());
        metrics.add(Metric.STORE_RECOVERY_MOVED_ASIDE, r.movedAside() ? 1 : 0);
        metrics.add(Metric.STORE_RECOVERY_EXPIRED_SESSIONS, r.expiredSessions());
        metrics.add(Metric.STORE_RECOVERY_DROPPED_DELIVERIES, r.droppedQueueEntries());
    }

    private static void gauge(BrokerMetrics metrics, Metric metric, Persistence persistence,
            ToLongFunction<StoreStatistics> field) {
        metrics.gauge(metric, () -> field.applyAsLong(persistence.statistics()));
    }
}
