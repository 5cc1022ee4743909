package dev.wren.cli.bench;

import dev.wren.client.ConnectionEvent;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and the latency histogram of one bench run. Thread-safe: publishers and
 * subscribers on several event loops record concurrently (adders and an HdrHistogram
 * {@link Recorder}); one reporter thread reads.
 */
final class Stats {
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder errors = new LongAdder();
    /** Connections the broker (or the network) closed during the run: explains loss. */
    final LongAdder disconnects = new LongAdder();
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    /** Publish → PUBACK/PUBCOMP latency, recorded by the publishers (QoS 1 and 2 only). */
    private final Recorder ackRecorder = new Recorder(3);
    private volatile String lastError;

    void recordLatencyNanos(long nanos) {
        recorder.recordValue(Math.max(0, nanos / 1000));
    }

    void recordAckNanos(long nanos) {
        ackRecorder.recordValue(Math.max(0, nanos / 1000));
    }

    /** Every publish → acknowledgement latency recorded so far. Reporter thread only, once, at the end. */
    Histogram ackTotal() {
        return ackRecorder.getIntervalHistogram();
    }

    void error(Throwable t) {
        errors.increment();
        lastError = t.getMessage();
    }

    void disconnected(ConnectionEvent.Disconnected d) {
        disconnects.increment();
        lastError = d.reasonCode() != null ? "disconnected by the broker: " + d.reasonCode()
                + (d.reasonString() != null ? " " + d.reasonString() : "")
                : "connection lost" + (d.cause() != null ? ": " + d.cause().getMessage() : "");
    }

    String lastError() {
        return lastError;
    }

    /** The latencies since the last call, also added to the run total. Reporter thread only. */
    Histogram interval() {
        Histogram h = recorder.getIntervalHistogram();
        total.add(h);
        return h;
    }

    /** Every latency of the run (after a final {@link #interval()}). Reporter thread only. */
    Histogram total() {
        return total;
    }
}
