package dev.wren.cli.bench;

import dev.wren.client.Message;
import java.util.Arrays;

/**
 * Receive-side accounting of one bench subscriber: a message whose sequence is not above the
 * last one seen from its publisher is a duplicate (MQTT keeps each publisher's order per
 * topic), everything else counts once towards the received total.
 *
 * <p>Not thread-safe: called on its client's event loop only.
 */
final class Subscriber {
    private final Stats stats;
    private final long[] lastSequence;
    private long unique;

    Subscriber(Stats stats, int publishers) {
        this.stats = stats;
        this.lastSequence = new long[publishers];
        Arrays.fill(lastSequence, -1);
    }

    void onMessage(Message m) {
        long now = System.nanoTime();
        byte[] b = m.payload().unsafeArray();
        int publisher = Probe.publisher(b);
        if (publisher < 0 || publisher >= lastSequence.length) {
            return;
        }
        int seq = Probe.sequence(b);
        if (seq <= lastSequence[publisher]) {
            stats.duplicates.increment();
            return;
        }
        lastSequence[publisher] = seq;
        unique++;
        stats.received.increment();
        stats.recordLatencyNanos(now - Probe.sentNanos(b));
    }

    long unique() {
        return unique;
    }
}
