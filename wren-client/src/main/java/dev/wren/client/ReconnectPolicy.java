package dev.wren.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often the client reconnects after losing its connection: exponential back-off
 * from {@code initialDelay} by {@code multiplier} up to {@code maxDelay}, with random jitter.
 *
 * @param enabled whether to reconnect automatically at all
 * @param initialDelay delay before the first attempt
 * @param maxDelay upper bound of the delay
 * @param multiplier growth factor per failed attempt, at least 1
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier) {
    /** Reconnects after 100 ms, doubling up to 30 s. */
    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(30), 2.0);
    /** Never reconnects: a lost connection is final. */
    public static final ReconnectPolicy NEVER = new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, 1.0);

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be >= 1, not " + multiplier);
        }
    }
}
