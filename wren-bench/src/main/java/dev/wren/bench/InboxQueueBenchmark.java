package dev.wren.bench;

import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session inbox's queue ({@code session.Inbox}): a burst of deliveries offered, then
 * drained, as one drain task sees it, with Netty's default MPSC queue (1,024-slot chunks, what
 * the inbox used before) against smaller chunks (what an idle session then keeps: 16 or 128
 * slots). Measures the cost per delivery of allocating and linking chunks; a burst of 4,096 is
 * one full drain slice. Single-threaded: the producer/consumer hand-over costs the same for all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InboxQueueBenchmark {
    private static final int OPS = 4096;

    /** Slots per chunk; 1024 is {@code PlatformDependent.newMpscQueue()}. */
    @Param({"1024", "128", "16"})
    int chunk;

    /** Deliveries per burst (offered, then all drained). */
    @Param({"1", "64", "4096"})
    int burst;

    private Queue<Object> queue;
    private final Object item = new Object();

    @Setup
    public void setup() {
        queue = chunk == 1024 ? PlatformDependent.newMpscQueue() : PlatformDependent.newMpscQueue(chunk, 1 << 30);
    }

    /** Per delivery: OPS deliveries in bursts of {@code burst}. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int offerThenDrain() {
        int n = 0;
        for (int done = 0; done < OPS; done += burst) {
            for (int i = 0; i < burst; i++) {
                queue.offer(item);
            }
            while (queue.poll() != null) {
                n++;
            }
        }
        return n;
    }
}
