package dev.wren.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side table of {@code wren bench --durability ...}: one row per mode, with the
 * ratio of each mode's acknowledged rate to the last row's (normally {@code none}).
 *
 * <p>Not thread-safe: used by the coordinating thread only.
 */
final class DurabilityTable {
    private final List<Report> rows = new ArrayList<>();

    void add(Report r) {
        rows.add(r);
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %12s %12s %9s %10s %10s %10s %10s %8s %6s %6s %5s%n",
                "durability", "acked/s", "delivered/s", "fsyncs/s", "commits/w", "ack p50us", "ack p99us",
                "e2e p99us", "lost", "dups", "cpu%", "x"));
        double reference = rows.isEmpty() ? 0 : number(rows.getLast(), "publish_rate");
        for (Report r : rows) {
            double rate = number(r, "publish_rate");
            sb.append(String.format(Locale.ROOT, "%-10s %,12.0f %,12.0f %,9.0f %10s %,10d %,10d %,10d %,8d %,6d %6.0f %5s%n",
                    r.get("durability"), rate, number(r, "throughput"), number(r, "fsyncs_per_s"),
                    r.get("commits_per_write") instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : "-",
                    (long) number(r, "ack_latency_p50_us"), (long) number(r, "ack_latency_p99_us"),
                    (long) number(r, "latency_p99_us"), (long) number(r, "lost"), (long) number(r, "duplicates"),
                    number(r, "bench_cpu_percent"),
                    rate > 0 ? String.format(Locale.ROOT, "%.2f", reference / rate) : "-"));
        }
        sb.append("x = acked/s of the last row divided by this row's; cpu% = bench and broker together (one process)")
                .append(System.lineSeparator());
        return sb.toString();
    }

    private static double number(Report r, String key) {
        return r.get(key) instanceof Number n ? n.doubleValue() : 0;
    }
}
