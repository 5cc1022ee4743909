package dev.wren.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.client.ReconnectPolicy;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final ReconnectPolicy policy =
            new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);

    @Test
    void nextDelay_growsWithJitterUpToTheCap() {
        Backoff b = new Backoff(policy, new Random(1));
        Duration d1 = b.nextDelay();
        Duration d2 = b.nextDelay();
        assertThat(d1).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(d2).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        b.nextDelay();
        b.nextDelay();
        for (int i = 0; i < 100; i++) {
            assertThat(b.nextDelay()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }

    @Test
    void reset_startsOver() {
        Backoff b = new Backoff(policy, new Random(1));
        for (int i = 0; i < 10; i++) {
            b.nextDelay();
        }
        b.reset();
        assertThat(b.nextDelay()).isLessThanOrEqualTo(Duration.ofMillis(100));
    }
}
