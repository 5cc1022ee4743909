package dev.wren.client.internal;

import dev.wren.client.ReconnectPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "full jitter" between reconnect attempts: the n-th delay is a
 * random value in [d/2, d] where d = min(max, initial * multiplier^n). Jitter spreads out the
 * reconnect storm after a broker restart; keeping half of d keeps the delay growing.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class Backoff {
    private final ReconnectPolicy policy;
    private final RandomGenerator random;
    private int attempt;

    Backoff(ReconnectPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one attempt. */
    Duration nextDelay() {
        double base = policy.initialDelay().toNanos() * Math.pow(policy.multiplier(), attempt);
        long capped = (long) Math.min(base, policy.maxDelay().toNanos());
        attempt = Math.min(attempt + 1, 62);
        long half = capped / 2;
        return Duration.ofNanos(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    /** Starts over after a successful connection. */
    void reset() {
        attempt = 0;
    }
}
