package dev.wren.bench;

import dev.wren.broker.session.MemoryBudget;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the broker-wide memory budget costs per delivery: one hold (queued or sent) and one
 * release (acknowledged), as {@code OutboundFlow} does, from two threads at once (two event
 * loops), against the obvious alternatives: one shared {@link AtomicLong} (contended) and a
 * {@link LongAdder} (uncontended, but its sum is not a cheap check). {@code check} is the
 * per-PUBLISH read of the gate. Each thread walks its usage up and down by 300 deliveries of
 * 1 KiB, so the budget's per-thread reserve runs out and is given back regularly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class MemoryBudgetBenchmark {
    private static final long COST = 1024 + MemoryBudget.DELIVERY_OVERHEAD;

    private final MemoryBudget budget = new MemoryBudget(64L << 20); // 256 KiB chunks
    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();

    /** One thread's position in its walk: 300 holds, then 300 releases. */
    @State(Scope.Thread)
    public static class Walk {
        int step;

        long delta() {
            int s = step++ % 600;
            return s < 300 ? COST : -COST;
        }
    }

    @Benchmark
    public void budget(Walk w) {
        budget.add(w.delta());
    }

    @Benchmark
    public void sharedAtomic(Walk w) {
        atomic.addAndGet(w.delta());
    }

    @Benchmark
    public void longAdder(Walk w) {
        adder.add(w.delta());
    }

    @Benchmark
    public boolean check() {
        return budget.wouldExceed(COST);
    }
}
