package dev.wren.broker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void used_isAnUpperBound_withinTheSlack_andComesBack() {
        MemoryBudget b = new MemoryBudget(1 << 20); // chunk 4 KiB
        long truth = 0;
        for (int i = 0; i < 10_000; i++) {
            long delta = ThreadLocalRandom.current().nextLong(1, 2000);
            if (truth > 0 && ThreadLocalRandom.current().nextBoolean()) {
                delta = -Math.min(truth, delta);
            }
            b.add(delta);
            truth += delta;
            assertThat(b.used()).isBetween(truth, truth + b.slack(1));
        }
        b.add(-truth);
        assertThat(b.used()).isBetween(0L, b.slack(1));
    }

    @Test
    void exceeded_andWouldExceed() {
        MemoryBudget b = new MemoryBudget(100_000);
        assertThat(b.exceeded()).isFalse();
        b.add(99_000);
        assertThat(b.wouldExceed(2_000)).isTrue(); // used() counts the reserved chunk too
        b.add(2_000);
        assertThat(b.exceeded()).isTrue();
        b.add(-50_000);
        assertThat(b.exceeded()).isFalse();
    }

    @Test
    void unlimited_neverExceeded_andCostsNothing() {
        MemoryBudget.UNLIMITED.add(Long.MAX_VALUE / 2);
        assertThat(MemoryBudget.UNLIMITED.exceeded()).isFalse();
        assertThat(MemoryBudget.UNLIMITED.used()).isZero();
        assertThatThrownBy(() -> new MemoryBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofHeapShare_whenNotConfigured() {
        assertThat(MemoryBudget.of(0, 25).budget()).isEqualTo(Runtime.getRuntime().maxMemory() / 100 * 25);
        assertThat(MemoryBudget.of(1234, 25).budget()).isEqualTo(1234);
    }

    /** Bytes added on one thread and given back on another (a session that moved loops) still sum up. */
    @Test
    void concurrentThreads_addAndRemoveAcrossThreads_sumStaysExact() throws Exception {
        MemoryBudget b = new MemoryBudget(64L << 20);
        int threads = 4;
        AtomicLong truth = new AtomicLong();
        List<Thread> all = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] given = new long[threads];
        for (int t = 0; t < threads; t++) {
            int me = t;
            all.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long mine = 0;
                for (int i = 0; i < 200_000; i++) {
                    long delta = ThreadLocalRandom.current().nextLong(1, 1500);
                    b.add(delta);
                    mine += delta;
                    truth.addAndGet(delta);
                }
                given[me] = mine;
            }));
        }
        start.countDown();
        for (Thread t : all) {
            t.join();
        }
        assertThat(b.used()).isBetween(truth.get(), truth.get() + b.slack(threads));
        // give everything back on other threads than the ones that added it
        List<Thread> back = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long amount = given[(t + 1) % threads];
            back.add(Thread.ofPlatform().start(() -> b.add(-amount)));
        }
        for (Thread t : back) {
            t.join();
        }
        assertThat(b.used()).isBetween(0L, b.slack(2 * threads));
    }
}
