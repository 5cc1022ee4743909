package dev.wren.broker.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * Renders the broker's metrics in the Prometheus text exposition format (version 0.0.4): every
 * {@link Metric} as {@code wren_<name>} (its {@code $SYS} name with {@code /} and {@code -} as
 * {@code _}; counters end in {@code _total}), plus uptime and the JVM's heap and threads, so
 * that a scrape needs no agent. Stateless; called by the admin HTTP endpoint per scrape.
 */
public final class PrometheusText {
    private PrometheusText() {}

    /** The exposition of {@code metrics} for a broker up {@code uptimeSeconds}. */
    public static String render(BrokerMetrics metrics, long uptimeSeconds) {
        StringBuilder out = new StringBuilder(8192);
        sample(out, "wren_uptime_seconds", "gauge", "Seconds since the broker started.", uptimeSeconds);
        for (Metric m : Metric.values()) {
            String name = "wren_" + m.sysTopic().replace('/', '_').replace('-', '_').toLowerCase(Locale.ROOT);
            if (m.gauge()) {
                sample(out, name, "gauge", "$SYS/broker/" + m.sysTopic(), metrics.get(m));
            } else {
                sample(out, name + "_total", "counter", "$SYS/broker/" + m.sysTopic(), metrics.get(m));
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        sample(out, "wren_jvm_heap_used_bytes", "gauge", "JVM heap in use.", heap.getUsed());
        sample(out, "wren_jvm_heap_max_bytes", "gauge", "JVM maximum heap (-Xmx).", heap.getMax());
        sample(out, "wren_jvm_threads", "gauge", "Live JVM threads.", ManagementFactory.getThreadMXBean().getThreadCount());
        return out.toString();
    }

    private static void sample(StringBuilder out, String name, String type, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(value).append('\n');
    }
}
