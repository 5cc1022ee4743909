package dev.wren.broker.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker-wide budget for the bytes of queued and in-flight messages, across all sessions.
 * Each session still has its own limits ({@link QueueLimits}); this one bounds their sum.
 *
 * <p>Accounting is cheap on the hot path: every thread keeps its own running total and reserves
 * credit from the shared counter in chunks, so the shared {@link AtomicLong} is written about once
 * per chunk of traffic per thread, not once per message, and nothing is locked. The shared counter
 * {@link #used()} is therefore an upper bound of the true usage: it exceeds it by less than
 * {@link #slack(int)} for the number of threads that ever accounted.
 *
 * <p>A session that moves between event loops adds on one thread and subtracts on another;
 * that is fine because only the sum over all threads matters (a thread's total may go negative,
 * it then gives credit back).
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class MemoryBudget {
    /**
     * Bytes one held delivery costs beyond its payload and topic: the delivery record, its queue
     * slot and the message object, roughly. Counted so that many tiny messages cannot hide behind
     * their small payloads.
     */
    public static final long DELIVERY_OVERHEAD = 64;

    /** No budget: nothing is ever refused or spilled (tests, embedders that do not want one). */
    public static final MemoryBudget UNLIMITED = new MemoryBudget(Long.MAX_VALUE);

    private final long budget;
    private final long chunk;
    private final AtomicLong reserved = new AtomicLong();
    private final ThreadLocal<Credit> credit = ThreadLocal.withInitial(Credit::new);

    /** One thread's share: what it added net, and what it reserved for that in {@link #reserved}. */
    private static final class Credit {
        long local;
        long reserved;
    }

    /** @param budgetBytes the budget in bytes ({@link Long#MAX_VALUE} = none) */
    public MemoryBudget(long budgetBytes) {
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("memory budget must be >= 1 byte: " + budgetBytes);
        }
        this.budget = budgetBytes;
        // 1/256 of the budget per chunk keeps the slack of a handful of event loops to a few
        // percent; capped so that a large budget does not hide a large error.
        this.chunk = Math.clamp(budgetBytes / 256, 256, 256 * 1024);
    }

    /** The budget from the configuration: {@code configured} bytes, or a share of the heap if 0. */
    public static MemoryBudget of(long configured, int heapPercent) {
        if (configured > 0) {
            return new MemoryBudget(configured);
        }
        return new MemoryBudget(Math.max(1, Runtime.getRuntime().maxMemory() / 100 * heapPercent));
    }

    /** The budget in bytes. */
    public long budget() {
        return budget;
    }

    /** Whether there is a budget at all. */
    public boolean limited() {
        return budget != Long.MAX_VALUE;
    }

    /** Bytes one delivery of {@code m} counts against the budget while a session holds it. */
    public static long cost(Message m) {
        return m.weight() + DELIVERY_OVERHEAD;
    }

    /**
     * Adds {@code delta} bytes (negative to give back) on the calling thread. Touches the shared
     * counter only when this thread's reserve runs out or has two chunks too many.
     */
    public void add(long delta) {
        if (!limited() || delta == 0) {
            return;
        }
        Credit c = credit.get();
        c.local += delta;
        if (c.local > c.reserved) {
            long grab = c.local - c.reserved + chunk;
            reserved.addAndGet(grab);
            c.reserved += grab;
        } else if (c.reserved - c.local > 2 * chunk) {
            long give = c.reserved - c.local - chunk;
            reserved.addAndGet(-give);
            c.reserved -= give;
        }
    }

    /** Bytes in use, an upper bound (see the class comment). Any thread; one volatile read. */
    public long used() {
        return reserved.get();
    }

    /** Whether usage is above the budget. */
    public boolean exceeded() {
        return reserved.get() > budget;
    }

    /** Whether adding {@code bytes} would take usage above the budget. */
    public boolean wouldExceed(long bytes) {
        return reserved.get() + bytes > budget;
    }

    /** How far {@link #used()} may exceed the true usage when {@code threads} threads account. */
    public long slack(int threads) {
        return 2 * chunk * threads;
    }

    @Override
    public String toString() {
        return "MemoryBudget[used " + used() + " of " + budget + "]";
    }
}
