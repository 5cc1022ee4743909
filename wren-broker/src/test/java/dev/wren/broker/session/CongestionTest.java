package dev.wren.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CongestionTest {
    private long now;
    private final BackPressure bp = BackPressure.of(4, 60, 100, 1000, 1000, 5000, () -> now);
    private final Congestion c = new Congestion(bp);
    private final AtomicInteger wakes = new AtomicInteger();
    private final DrainWaiter waiter = wakes::incrementAndGet;

    @Test
    void of_capsAtHalfTheQueue_lowWaterHalfOfHigh() {
        BackPressure small = BackPressure.of(1000, 64, 10, 100, 1, 1, () -> 0);
        assertThat(small.highWater()).isEqualTo(5);
        assertThat(small.lowWater()).isEqualTo(2);
        assertThat(small.highWaterBytes()).isEqualTo(50);
        assertThat(BackPressure.of(0, 0, 10, 10, 1, 1, () -> 0).enabled()).isFalse();
    }

    @Test
    void mayBeCongested_belowHighWater_false() {
        c.progress(0, 3, 0, true);
        assertThat(c.mayBeCongested(0)).isFalse();
        assertThat(c.mayBeCongested(1)).isTrue();
    }

    @Test
    void await_afterDrainAlreadyBelowLowWater_wokenAtOnce() {
        c.progress(0, 5, 0, true);
        assertThat(c.isCongested(0, now)).isTrue();
        c.progress(0, 2, 0, true); // the drain reaches low water before the publisher registers
        c.await(waiter, figures(true, 0));
        assertThat(wakes).hasValue(1);
    }

    @Test
    void progress_reachingLowWater_wakesEveryWaiterOnce() {
        c.progress(0, 5, 0, true);
        c.await(waiter, figures(true, 0));
        c.await(waiter, figures(true, 0));
        c.progress(0, 3, 0, true);
        assertThat(wakes).hasValue(0);
        c.progress(0, 2, 0, true);
        c.progress(0, 0, 0, true);
        assertThat(wakes).hasValue(2);
    }

    @Test
    void await_offline_wokenAtOnce() {
        c.progress(0, 5, 0, true);
        c.await(waiter, figures(false, 0));
        assertThat(wakes).hasValue(1);
    }

    @Test
    void unwritableLongerThanGrace_notDraining() {
        c.progress(0, 5, 0, false);
        now += 1_000_000_000L;
        assertThat(c.isCongested(0, now)).isTrue();
        now += 1;
        assertThat(c.isDraining(now)).isFalse();
        assertThat(c.isCongested(0, now)).isFalse();
        c.progress(0, 5, 0, true);
        assertThat(c.isCongested(0, now)).isTrue();
    }

    @Test
    void giveUp_wakesWaiters_exemptUntilLowWater() {
        c.progress(0, 5, 0, true);
        c.await(waiter, figures(true, 0));
        c.giveUp();
        assertThat(wakes).hasValue(1);
        assertThat(c.isCongested(0, now)).isFalse();
        c.progress(0, 2, 0, true);
        c.progress(0, 5, 0, true);
        assertThat(c.isCongested(0, now)).isTrue();
    }

    @Test
    void bytesAboveHighWater_congested() {
        c.progress(0, 0, 60, true);
        assertThat(c.mayBeCongested(0)).isTrue();
        assertThat(c.isCongested(0, now)).isTrue();
    }

    /** Figures as a waiting publisher reads them after registering. */
    private static Congestion.SessionFigures figures(boolean live, int inboxSize) {
        return new Congestion.SessionFigures() {
            @Override
            public boolean liveNow() {
                return live;
            }

            @Override
            public int inboxSizeNow() {
                return inboxSize;
            }
        };
    }

    @Test
    void await_inboxDrainsWhileRegistering_wokenAtOnce() {
        // Before the registration the inbox holds 10,000 deliveries; the drain empties it just
        // as the waiter registers. The figures are read after registering, so it is woken.
        AtomicInteger inbox = new AtomicInteger(10_000);
        Congestion.SessionFigures racing = new Congestion.SessionFigures() {
            @Override
            public boolean liveNow() {
                return true;
            }

            @Override
            public int inboxSizeNow() {
                inbox.set(0);
                return inbox.get();
            }
        };
        c.progress(10_000, 0, 0, true);
        c.await(waiter, racing);
        assertThat(wakes).hasValue(1);
    }
}
