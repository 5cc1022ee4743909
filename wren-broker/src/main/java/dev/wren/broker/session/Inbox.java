package dev.wren.broker.session;

import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cross-thread hand-over of deliveries to one session: a lock-free MPSC queue and a work
 * counter. Only the producer that moves the counter from 0 to 1 schedules a drain task on the
 * session's loop; the task delivers everything (in budgeted slices) and ends the burst with one
 * flush. A task that lands on a loop the session has left re-dispatches itself.
 *
 * <p>Thread-safety: {@link #offer} and {@link #size} on any thread; everything else on the
 * session's loop (the single consumer).
 */
final class Inbox {
    /** Deliveries per drain task before it yields the event loop to other channels. */
    private static final int DRAIN_BUDGET = 4096;

    private final Session session;
    private final Queue<Delivery> queue = PlatformDependent.newMpscQueue();
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable drainTask = this::drain;

    Inbox(Session session) {
        this.session = session;
    }

    /** Any thread: adds {@code d}; returns how many deliveries may still be ahead of it (an upper bound). */
    int offer(Delivery d) {
        queue.offer(d);
        int ahead = wip.getAndIncrement();
        if (ahead == 0) {
            try {
                session.loop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                // the event loop is shutting down with the broker: nothing will be delivered any more
                queue.clear();
            }
        }
        return ahead;
    }

    /** Any thread: deliveries waiting (exact when the session's loop is not draining). */
    int size() {
        return queue.size();
    }

    /** Session loop: drops what waits (the session ended or restarted clean). */
    void clear() {
        queue.clear();
    }

    private void drain() {
        Loop current = session.loop();
        if (!current.inLoop()) {
            current.execute(drainTask);
            return;
        }
        long now = session.now();
        int missed = wip.get();
        int budget = DRAIN_BUDGET;
        for (;;) {
            Delivery d;
            while ((d = queue.poll()) != null) {
                session.deliver(d, now);
                if (--budget == 0) {
                    // a huge burst must not starve the loop's other channels: flush and continue later
                    session.afterDrain();
                    current.execute(drainTask);
                    return;
                }
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                break;
            }
        }
        session.afterDrain();
    }
}
