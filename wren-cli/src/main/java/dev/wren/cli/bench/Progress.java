package dev.wren.cli.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The live progress line on stderr, redrawn once a second. Not thread-safe: used by the
 * coordinating thread only.
 */
final class Progress {
    private final Stats stats;
    private final boolean quiet;
    private final long start = System.nanoTime();
    private long lastTick = start;
    private long lastReceived;

    Progress(Stats stats, boolean quiet) {
        this.stats = stats;
        this.quiet = quiet;
    }

    void tickIfDue() {
        long now = System.nanoTime();
        if (now - lastTick < 1_000_000_000L) {
            return;
        }
        Histogram h = stats.interval();
        long received = stats.received.sum();
        double rate = (received - lastReceived) / ((now - lastTick) / 1e9);
        lastTick = now;
        lastReceived = received;
        if (!quiet) {
            System.err.printf(Locale.ROOT, "\r%4ds  sent %,d  received %,d  %,.0f msg/s  p50 %d us  p99 %d us  errors %d   ",
                    (now - start) / 1_000_000_000L, stats.sent.sum(), received, rate,
                    h.getValueAtPercentile(50), h.getValueAtPercentile(99), stats.errors.sum());
            System.err.flush();
        }
    }

    void stop() {
        if (!quiet) {
            System.err.println();
        }
    }
}
