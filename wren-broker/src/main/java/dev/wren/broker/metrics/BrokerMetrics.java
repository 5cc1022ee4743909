package dev.wren.broker.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters and gauges of one broker.
 *
 * <p>Thread-safety: every method may be called from any thread. Each metric is a
 * {@link LongAdder}, so concurrent event loops increment without contention; reads are
 * sums and therefore only approximately consistent with each other while traffic flows.
 * Tests read values through {@link #get(Metric)} or the named shortcuts.
 */
public final class BrokerMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerMetrics.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final LongAdder[] values = new LongAdder[Metric.values().length];
    private final LongSupplier[] gauges = new LongSupplier[Metric.values().length];
    private final AtomicLongArray nextLog = new AtomicLongArray(Metric.values().length);

    public BrokerMetrics() {
        for (int i = 0; i < values.length; i++) {
            values[i] = new LongAdder();
        }
    }

    /** The current value of {@code metric}. */
    public long get(Metric metric) {
        LongSupplier gauge = gauges[metric.ordinal()];
        return gauge != null ? gauge.getAsLong() : values[metric.ordinal()].sum();
    }

    /** Makes {@code metric} read its value from {@code source} (a gauge such as a map size). For broker internals. */
    public void gauge(Metric metric, LongSupplier source) {
        gauges[metric.ordinal()] = source;
    }

    /** A snapshot of every metric. */
    public Map<Metric, Long> snapshot() {
        Map<Metric, Long> map = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            map.put(m, get(m));
        }
        return map;
    }

    /** Adds one to {@code metric}. For broker internals. */
    public void increment(Metric metric) {
        values[metric.ordinal()].increment();
    }

    /**
     * Counts something dropped or refused and logs it at WARN, at most once per 10 seconds per
     * metric (with the running total), so a flood cannot flood the log. For broker internals.
     */
    public void dropped(Metric metric, String clientId) {
        increment(metric);
        if (mayLog(metric)) {
            LOG.warn("{} (client {}), {} so far; further ones in the next 10 s are counted, not logged",
                    metric.sysTopic(), clientId, get(metric));
        }
    }

    /** Like {@link #dropped} for a notable but expected event (e.g. a publisher paused): logged at INFO. */
    public void noted(Metric metric, String clientId) {
        increment(metric);
        if (mayLog(metric)) {
            LOG.info("{} (client {}), {} so far; further ones in the next 10 s are counted, not logged",
                    metric.sysTopic(), clientId, get(metric));
        }
    }

    private boolean mayLog(Metric metric) {
        long now = System.nanoTime();
        long next = nextLog.get(metric.ordinal());
        return now - next >= 0 && nextLog.compareAndSet(metric.ordinal(), next, now + LOG_INTERVAL_NANOS);
    }

    /** Adds {@code delta} (may be negative, for gauges) to {@code metric}. For broker internals. */
    public void add(Metric metric, long delta) {
        values[metric.ordinal()].add(delta);
    }

    public long connectionsCurrent() {
        return get(Metric.CONNECTIONS_CURRENT);
    }

    public long sessionsCurrent() {
        return get(Metric.SESSIONS_CURRENT);
    }

    public long publishReceived() {
        return get(Metric.PUBLISH_RECEIVED);
    }

    public long publishSent() {
        return get(Metric.PUBLISH_SENT);
    }

    /** Every delivery dropped for any reason (slow consumer, queue full, expired, too large, memory budget). */
    public long droppedTotal() {
        return get(Metric.DROPPED_QOS0_SLOW_CONSUMER) + get(Metric.DROPPED_QUEUE_FULL)
                + get(Metric.DROPPED_EXPIRED) + get(Metric.DROPPED_TOO_LARGE_FOR_CLIENT)
                + get(Metric.DROPPED_MEMORY_BUDGET) + get(Metric.DROPPED_SPILLED_MISSING);
    }

    @Override
    public String toString() {
        return "BrokerMetrics" + snapshot();
    }
}
