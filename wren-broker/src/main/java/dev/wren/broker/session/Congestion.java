package dev.wren.broker.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The congestion state of one session as publishers see it (publisher back-pressure,
 * docs/broker.md). The session's loop publishes how much work waits behind its window and
 * whether its socket drains; a publisher whose delivery finds the session above its high water
 * mark registers a one-shot {@link DrainWaiter}, which the session wakes when it is back at its
 * low water marks, goes offline or ends.
 *
 * <p>A lost wake-up is impossible without a lock: the session writes its figures (volatile) and
 * then looks at the waiter queue; a publisher adds itself to the queue (a CAS) and then reads the
 * figures again ({@link #await}). Both orders are sequentially consistent, so at least one side
 * sees the other and the waiter is woken.
 *
 * <p>Thread-safety: {@link #progress} and {@link #wakeAll} run on the session's loop (wakeAll
 * also from a publisher giving up); everything else on any thread. Fields are volatile, the
 * waiter queue is lock-free.
 */
final class Congestion {
    private final BackPressure bp;
    private final Queue<DrainWaiter> waiters = new ConcurrentLinkedQueue<>();
    /** Deliveries queued behind the window. */
    private volatile int backlog;
    /** Bytes held: queued plus in flight. */
    private volatile long heldBytes;
    /** Whether the socket was writable when the session last looked. */
    private volatile boolean writable = true;
    /** When the session last saw its socket go from writable to not writable. */
    private volatile long unwritableSince;
    /** Set when a publisher hit the longest pause: no more pauses until the low water marks. */
    private volatile boolean exempt;

    Congestion(BackPressure bp) {
        this.bp = bp;
    }

    /** Fast path, any thread: whether a delivery with {@code ahead} inbox entries before it needs a closer look. */
    boolean mayBeCongested(int ahead) {
        return (long) ahead + backlog >= bp.highWater() || heldBytes >= bp.highWaterBytes();
    }

    /** Any thread: above a high water mark, draining, not exempt. */
    boolean isCongested(int inboxSize, long nowNanos) {
        if (exempt || ((long) inboxSize + backlog < bp.highWater() && heldBytes < bp.highWaterBytes())) {
            return false;
        }
        return isDraining(nowNanos);
    }

    /** Any thread: the socket is writable, or was within the grace period; a stuck consumer is not draining. */
    boolean isDraining(long nowNanos) {
        return !exempt && (writable || nowNanos - unwritableSince <= bp.graceNanos());
    }

    private boolean atLowWater(int inboxSize, int queued, long bytes) {
        return (long) inboxSize + queued <= bp.lowWater() && bytes <= bp.lowWaterBytes();
    }

    /**
     * Any thread: registers {@code w}, then reads the session's figures through {@code state}
     * (after the registration, never before), so that a drain that reached the low water mark
     * while the waiter was being registered is not missed: either this read sees the drained
     * figures, or the session loop's {@link #progress} sees the waiter.
     */
    void await(DrainWaiter w, SessionFigures state) {
        waiters.offer(w);
        if (!state.liveNow() || exempt || atLowWater(state.inboxSizeNow(), backlog, heldBytes)) {
            wakeAll();
        }
    }

    /** The two figures {@link #await} must read after registering. */
    interface SessionFigures {
        boolean liveNow();

        int inboxSizeNow();
    }

    /** Session loop: publishes the current figures and wakes the waiters at the low water marks. */
    void progress(int inboxSize, int queued, long bytes, boolean writableNow) {
        if (backlog != queued) {
            backlog = queued;
        }
        if (heldBytes != bytes) {
            heldBytes = bytes;
        }
        if (writable != writableNow) {
            if (!writableNow) {
                unwritableSince = bp.ticker().getAsLong();
            }
            writable = writableNow;
        }
        if (atLowWater(inboxSize, queued, bytes)) {
            if (exempt) {
                exempt = false;
            }
            if (!waiters.isEmpty()) {
                wakeAll();
            }
        }
    }

    /** A publisher waited the longest pause for this session: stop pausing anyone until the low water marks. */
    void giveUp() {
        exempt = true;
        wakeAll();
    }

    /** Wakes every registered waiter (the session went offline, ended, or drained). */
    void wakeAll() {
        DrainWaiter w;
        while ((w = waiters.poll()) != null) {
            w.drained();
        }
    }

    boolean isExempt() {
        return exempt;
    }
}
