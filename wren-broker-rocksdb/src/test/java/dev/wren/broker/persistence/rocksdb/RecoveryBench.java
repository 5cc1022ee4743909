package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.persistence.QueuedDelivery;
import dev.wren.broker.persistence.StoredState;
import dev.wren.broker.session.Message;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A measured harness (not a test) for start-up: fills a store with S persistent sessions, each
 * with one subscription and M queued messages published to all of them (stored once), then
 * times open + recovery scan + {@code load()}.
 *
 * <p>Run: {@code java -cp <test classpath> dev.wren.broker.persistence.rocksdb.RecoveryBench [sessions] [messages]}.
 */
public final class RecoveryBench {
    private RecoveryBench() {}

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("wren-recovery-bench");
        fill(dir, sessions, messages);
        long t0 = System.nanoTime();
        try (RocksPersistence p = RocksPersistence.open(dir, Durability.SYNC, Duration.ofSeconds(1), false)) {
            long t1 = System.nanoTime();
            StoredState state = p.load();
            long t2 = System.nanoTime();
            long deliveries = state.sessions().stream().mapToLong(s -> s.queue().size()).sum();
            System.out.printf("%d sessions, %d queued deliveries of %d messages, %d MB on disk: open+scan %d ms,"
                    + " load %d ms%n", state.sessions().size(), deliveries, messages, p.diskBytes() >> 20,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        } finally {
            GroupCommitBench.deleteTree(dir);
        }
    }

    private static void fill(Path dir, int sessions, int messages) {
        try (RocksPersistence p = RocksPersistence.open(dir, Durability.ASYNC, Duration.ofSeconds(1), false)) {
            p.load();
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            List<QueuedDelivery> all = new ArrayList<>();
            Subscription sub = new Subscription(new TopicFilter("bench/#"), QoS.AT_LEAST_ONCE);
            for (int i = 0; i < sessions; i++) {
                String id = "client-" + i;
                writes.add(p.sessions().saveSession(id, MqttVersion.V5, 86_400, null).toCompletableFuture());
                writes.add(p.sessions().subscribe(id, List.of(new dev.wren.broker.persistence.StoredSubscription(sub,
                        0))).toCompletableFuture());
                writes.add(p.sessions().disconnected(id, System.currentTimeMillis(), 86_400).toCompletableFuture());
                all.add(new QueuedDelivery(id, QoS.AT_LEAST_ONCE, false, List.of()));
            }
            for (int m = 0; m < messages; m++) {
                Message msg = new Message("bench/" + m, Binary.wrap(new byte[100]), QoS.AT_LEAST_ONCE, false, null,
                        "pub", Long.MAX_VALUE);
                writes.add(p.messages().stored(msg, all, "pub", 0).durable().toCompletableFuture());
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        }
    }
}
