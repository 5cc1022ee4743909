package dev.wren.broker.session;

import io.netty.util.internal.PlatformDependent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cross-thread hand-over of deliveries to one session: a lock-free MPSC queue and a work
 * counter. Only the producer that moves the counter from 0 to 1 schedules a drain task on the
 * session's loop; the task delivers everything (in budgeted slices) and ends the burst with one
 * flush. A task that lands on a loop the session has left re-dispatches itself.
 *
 * <p>Memory: most sessions sit idle (a device that publishes now and then, a subscriber to a
 * quiet topic), so the queue is created by the first delivery and not before, and grows in
 * {@link #CHUNK}-slot chunks instead of Netty's default 1,024 (a 4 KB array plus a 576 B padded
 * queue object per session, which was most of an idle connection's heap).
 *
 * <p>Thread-safety: {@link #offer} and {@link #size} on any thread; everything else on the
 * session's loop (the single consumer).
 */
final class Inbox {
    /** Deliveries per drain task before it yields the event loop to other channels. */
    private static final int DRAIN_BUDGET = 4096;
    /**
     * Slots per chunk of the queue. A chunk is garbage once drained, so this is what a session
     * that received something keeps; a burst allocates one chunk per this many deliveries.
     */
    static final int CHUNK = 128;
    /** The chunked queue is bounded; this bound is out of reach (the queue limits and the memory budget act long before). */
    private static final int MAX_CAPACITY = 1 << 30;
    private static final VarHandle QUEUE;

    static {
        try {
            QUEUE = MethodHandles.lookup().findVarHandle(Inbox.class, "queue", Queue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Session session;
    /** Created by the first {@link #offer}; never replaced afterwards. */
    private volatile Queue<Delivery> queue;
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable drainTask = this::drain;

    Inbox(Session session) {
        this.session = session;
    }

    /** Any thread: adds {@code d}; returns how many deliveries may still be ahead of it (an upper bound). */
    @SuppressWarnings("unchecked")
    int offer(Delivery d) {
        Queue<Delivery> q = (Queue<Delivery>) QUEUE.getAcquire(this);
        if (q == null) {
            q = create();
        }
        if (!q.offer(d)) { // out of reach: a billion deliveries would exhaust the heap first
            throw new IllegalStateException("session inbox holds " + MAX_CAPACITY + " deliveries");
        }
        int ahead = wip.getAndIncrement();
        if (ahead == 0) {
            try {
                session.loop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                // the event loop is shutting down with the broker: nothing will be delivered any more
                q.clear();
            }
        }
        return ahead;
    }

    /** Any thread, once per session: the first delivery creates the queue; a racing producer uses the winner's. */
    @SuppressWarnings("unchecked")
    private Queue<Delivery> create() {
        Queue<Delivery> fresh = PlatformDependent.newMpscQueue(CHUNK, MAX_CAPACITY);
        Queue<Delivery> witness = (Queue<Delivery>) QUEUE.compareAndExchange(this, null, fresh);
        return witness == null ? fresh : witness;
    }

    /** Any thread: deliveries waiting (exact when the session's loop is not draining). */
    int size() {
        Queue<Delivery> q = queue;
        return q == null ? 0 : q.size();
    }

    /** Session loop: drops what waits (the session ended or restarted clean). */
    void clear() {
        Queue<Delivery> q = queue;
        if (q != null) {
            q.clear();
        }
    }

    private void drain() {
        Loop current = session.loop();
        if (!current.inLoop()) {
            current.execute(drainTask);
            return;
        }
        long now = session.now();
        Queue<Delivery> queue = this.queue; // not null: an offer created it before scheduling this task
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
