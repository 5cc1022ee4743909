package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.QueuedDelivery;
import dev.wren.broker.session.Message;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A measured harness (not a test) for group commit through the persistence SPI: N writer
 * threads each store a 100-byte QoS 1 message for {@code fanout} persistent sessions, wait until
 * it is durable (when the broker would send PUBACK), then acknowledge the deliveries as the
 * subscribers would, so the store stays at a steady size. Prints one Markdown table row per case;
 * "commits/write" counts every group-committed fragment (publishes and acknowledgements) per
 * RocksDB write.
 *
 * <p>Run: {@code java -cp <test classpath> dev.wren.broker.persistence.rocksdb.GroupCommitBench [seconds]};
 * the full command line is in docs/performance.md.
 */
public final class GroupCommitBench {
    private GroupCommitBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.println("| durability | writers | fan-out | publishes/s | fsyncs/s | publishes/fsync |"
                + " commits/write | p50 µs | p99 µs | max µs |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Durability durability : Durability.values()) {
            for (int writers : new int[] {1, 8, 64}) {
                run(durability, writers, 1, seconds);
            }
            run(durability, 8, 10, seconds);
        }
    }

    private static void run(Durability durability, int writers, int fanout, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("wren-bench");
        try (RocksPersistence p = RocksPersistence.open(dir, durability, Duration.ofSeconds(1), false)) {
            p.load();
            measure(p, writers, fanout, 1);
            CommitStats before = p.stats();
            long start = System.nanoTime();
            long[] latencies = measure(p, writers, fanout, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            CommitStats after = p.stats();
            long batches = after.batches() - before.batches();
            long fsyncs = after.fsyncs() - before.fsyncs();
            // In async mode fsyncs are periodic, not per write: publishes per fsync means nothing there.
            String perFsync = durability == Durability.SYNC
                    ? String.format("%.1f", (double) latencies.length / Math.max(1, fsyncs)) : "–";
            System.out.printf("| %s | %d | %d | %.0f | %.0f | %s | %.1f | %d | %d | %d |%n",
                    durability.name().toLowerCase(), writers, fanout, latencies.length / elapsed, fsyncs / elapsed,
                    perFsync,
                    (double) (after.fragments() - before.fragments()) / Math.max(1, batches),
                    pct(latencies, 0.50), pct(latencies, 0.99), pct(latencies, 1.0));
        } finally {
            deleteTree(dir);
        }
    }

    /** Runs the writers for {@code seconds}; returns every publish-to-durable latency in ns, sorted. */
    private static long[] measure(RocksPersistence p, int writers, int fanout, int seconds)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            List<QueuedDelivery> to = new ArrayList<>();
            for (int s = 0; s < fanout; s++) {
                to.add(new QueuedDelivery("bench-" + i + "-" + s, QoS.AT_LEAST_ONCE, false, List.of()));
            }
            threads.add(Thread.ofPlatform().start(() -> {
                long[] buf = new long[1024];
                int n = 0;
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    MessageStore.Stored stored = publishOne(p, to);
                    if (n == buf.length) {
                        buf = Arrays.copyOf(buf, n * 2);
                    }
                    buf[n++] = System.nanoTime() - t0;
                    for (int s = 0; s < to.size(); s++) {
                        p.messages().acked(to.get(s).clientId(), stored.firstSeq() + s);
                    }
                }
                synchronized (perThread) {
                    perThread.add(Arrays.copyOf(buf, n));
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    }

    private static MessageStore.Stored publishOne(RocksPersistence p, List<QueuedDelivery> to) {
        Message m = new Message("bench/topic", Binary.wrap(new byte[100]), QoS.AT_LEAST_ONCE, false, null, "pub",
                Long.MAX_VALUE);
        MessageStore.Stored stored = p.messages().stored(m, to, "pub", 0);
        stored.durable().toCompletableFuture().join();
        return stored;
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path f : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(f);
            }
        }
    }
}
