package dev.wren.broker.session;

import java.util.function.LongSupplier;

/**
 * Thresholds of publisher back-pressure (docs/broker.md, "Publisher back-pressure"): when a
 * delivery leaves a draining session with at least {@code highWater} messages waiting (inbox plus
 * queue behind the window) or {@code highWaterBytes} held (queued plus in flight), the publisher
 * stops reading until the session is back at or below the low water marks, for at most
 * {@code maxPauseNanos}. Immutable.
 *
 * @param highWater waiting messages that pause a publisher; {@link Integer#MAX_VALUE} = off
 * @param lowWater waiting messages at or below which paused publishers resume
 * @param highWaterBytes held bytes that pause a publisher; {@link Long#MAX_VALUE} = off
 * @param lowWaterBytes held bytes at or below which paused publishers resume
 * @param graceNanos how long a consumer whose socket stopped draining still counts as draining
 * @param maxPauseNanos longest pause; then the publisher resumes and the session stops pausing
 *     anyone until it is back at its low water marks
 * @param ticker monotonic time in nanoseconds ({@code System::nanoTime}; a test clock in tests)
 */
public record BackPressure(int highWater, int lowWater, long highWaterBytes, long lowWaterBytes, long graceNanos,
        long maxPauseNanos, LongSupplier ticker) {

    /** No back-pressure: sessions never pause publishers. */
    public static final BackPressure OFF = new BackPressure(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
            Long.MAX_VALUE, 0, 0, System::nanoTime);

    /**
     * Back-pressure from the configured marks, capped at half of the queue limits so that what
     * publishers already read when they pause still fits in the queue; the low water marks are
     * half the high ones.
     *
     * @param highWater configured high water mark in messages; 0 = off
     * @param highWaterBytes configured high water mark in bytes; 0 = no byte mark
     */
    public static BackPressure of(int highWater, long highWaterBytes, int maxQueuedMessages, long maxQueuedBytes,
            long graceMillis, long maxPauseMillis, LongSupplier ticker) {
        if (highWater == 0) {
            return OFF;
        }
        int messages = Math.max(1, Math.min(highWater, maxQueuedMessages / 2));
        long bytes = highWaterBytes == 0 ? Long.MAX_VALUE : Math.max(1, Math.min(highWaterBytes, maxQueuedBytes / 2));
        return new BackPressure(messages, messages / 2, bytes, bytes == Long.MAX_VALUE ? bytes : bytes / 2,
                graceMillis * 1_000_000L, maxPauseMillis * 1_000_000L, ticker);
    }

    /** Whether sessions may pause publishers at all. */
    public boolean enabled() {
        return highWater != Integer.MAX_VALUE;
    }
}
