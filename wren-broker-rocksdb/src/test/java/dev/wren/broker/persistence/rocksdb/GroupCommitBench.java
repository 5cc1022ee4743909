package dev.wren.broker.persistence.rocksdb;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A measured harness (not a test) for group commit: N writer threads each store a 100-byte QoS 1
 * message with one queue entry and wait for the commit, as the broker does before PUBACK. Prints
 * one Markdown table row per (durability, writers).
 *
 * <p>Run: {@code java -cp <test classpath> dev.wren.broker.persistence.rocksdb.GroupCommitBench [seconds]};
 * the command line is in docs/performance.md.
 */
public final class GroupCommitBench {
    private GroupCommitBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.println("| durability | writers | commits/s | fsyncs/s | avg batch | p50 µs | p99 µs | max µs |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Durability durability : Durability.values()) {
            for (int writers : new int[] {1, 8, 64}) {
                run(durability, writers, seconds);
            }
        }
    }

    private static void run(Durability durability, int writers, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("wren-bench");
        try (DurableStore store = DurableStore.open(StoreConfig.defaults(dir).withDurability(durability))) {
            measure(store, writers, 1);
            CommitStats before = store.engine().stats();
            long start = System.nanoTime();
            long[] latencies = measure(store, writers, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            CommitStats after = store.engine().stats();
            long fragments = after.fragments() - before.fragments();
            long batches = after.batches() - before.batches();
            System.out.printf("| %s | %d | %.0f | %.0f | %.1f | %d | %d | %d |%n", durability.name().toLowerCase(),
                    writers, fragments / elapsed, (after.fsyncs() - before.fsyncs()) / elapsed,
                    (double) fragments / Math.max(1, batches), pct(latencies, 0.50), pct(latencies, 0.99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000);
        } finally {
            deleteTree(dir);
        }
    }

    /** Runs the writers for {@code seconds}; returns every commit latency in nanoseconds, sorted. */
    private static long[] measure(DurableStore store, int writers, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            long[][] buf = {new long[1024]};
            int[] n = {0};
            String client = "bench-" + i;
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    commitOne(store, client);
                    if (n[0] == buf[0].length) {
                        buf[0] = Arrays.copyOf(buf[0], n[0] * 2);
                    }
                    buf[0][n[0]++] = System.nanoTime() - t0;
                }
                synchronized (perThread) {
                    perThread.add(Arrays.copyOf(buf[0], n[0]));
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return all;
    }

    private static void commitOne(DurableStore store, String client) {
        long id = store.nextMessageId();
        StoredMessage m = StoredMessage.arrived(id, "bench/topic", Binary.wrap(new byte[100]), QoS.AT_LEAST_ONCE,
                false, null, "publisher", System.currentTimeMillis());
        QueueEntry e = QueueEntry.queued(client, store.nextSeq(), id, QoS.AT_LEAST_ONCE, false, List.of(), null);
        store.commit(store.stagePublish(new Batch(), m, List.of(e))).join();
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
