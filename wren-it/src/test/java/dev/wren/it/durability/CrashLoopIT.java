package dev.wren.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash loop of issue 5: QoS 1 publishers with a counter in the payload, a persistent QoS 1
 * subscriber online the whole time, and the broker (a child process, durability sync) killed
 * with SIGKILL after a random amount of progress, several times, restarted on the same data
 * directory each time. At the end every message that got a PUBACK must have reached the
 * subscriber. Prints acknowledged / delivered / lost / duplicates.
 */
class CrashLoopIT {
    private static final int ROUNDS = 4;
    private static final int PUBLISHERS = 4;
    private static final String SUBSCRIBER = "crash-loop-sub";

    @TempDir
    Path tmp;

    private final Set<Long> acked = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, Integer> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger duplicatesWithoutDup = new AtomicInteger();
    private final AtomicLong counter = new AtomicLong();

    @BeforeAll
    static void requiresPersistenceWiring() {
        assumeTrue(BrokerProcess.supportsDataDir(), "wren broker has no --data-dir/--durability yet");
    }

    @Test
    void sigkill_atRandomMoments_everyPubackedMessageDelivered() throws InterruptedException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path dir = tmp.resolve("data");
        for (int round = 1; round <= ROUNDS; round++) {
            try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
                List<Thread> clients = new ArrayList<>();
                // Subscribed before any publisher starts, so that every PUBACKed message has a receiver.
                RawClient sub = resumeSubscriber(broker.port());
                clients.add(Thread.ofPlatform().start(() -> drain(sub, Duration.ofSeconds(30))));
                int target = acked.size() + 200 + random.nextInt(1300);
                for (int i = 0; i < PUBLISHERS; i++) {
                    String id = "pub-" + round + "-" + i;
                    clients.add(Thread.ofPlatform().start(() -> publish(broker.port(), id)));
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                        .until(() -> acked.size() >= target);
                broker.kill();
                for (Thread t : clients) {
                    t.join();
                }
            }
            System.out.printf("crash loop round %d (seed %d): %d acknowledged, %d delivered so far%n", round, seed,
                    acked.size(), deliveries.size());
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            drain(resumeSubscriber(broker.port()), Duration.ofSeconds(2));
            broker.stop();
        }
        report(seed);
    }

    private void report(long seed) {
        Set<Long> lost = ConcurrentHashMap.newKeySet();
        lost.addAll(acked);
        lost.removeAll(deliveries.keySet());
        long total = deliveries.values().stream().mapToLong(Integer::longValue).sum();
        long duplicates = total - deliveries.size();
        System.out.printf("crash loop result (seed %d, %d SIGKILLs): acknowledged %d, delivered %d (of %d sent),"
                + " lost %d, duplicates %d (%d without DUP)%n", seed, ROUNDS, acked.size(), deliveries.size(),
                counter.get(), lost.size(), duplicates, duplicatesWithoutDup.get());
        assertThat(lost).as("PUBACKed but never delivered (seed %d)", seed).isEmpty();
    }

    /** Publishes QoS 1 counters one at a time until the connection dies; records each PUBACKed one. */
    private void publish(int port, String clientId) {
        try (RawClient pub = RawClient.open(port)) {
            pub.connectOk(MqttVersion.V5, clientId);
            while (true) {
                long n = counter.incrementAndGet();
                pub.publish("crash/" + clientId, Long.toString(n), QoS.AT_LEAST_ONCE);
                acked.add(n);
            }
        } catch (RuntimeException | AssertionError e) {
            // The broker was killed: the message in flight has no PUBACK and counts as not acknowledged.
        }
    }

    /** Resumes the persistent session (subscribing on the first connection). */
    private static RawClient resumeSubscriber(int port) {
        RawClient sub = RawClient.open(port);
        if (!sub.connect(RestartIT.persistent(SUBSCRIBER, 3600)).sessionPresent()) {
            sub.subscribe("crash/#", QoS.AT_LEAST_ONCE);
        }
        return sub;
    }

    /** Acknowledges every delivery until the connection dies (a kill) or nothing comes for {@code quiet}. */
    private void drain(RawClient sub, Duration quiet) {
        try (sub) {
            while (sub.hasDataWithin(quiet)) {
                if (sub.read() instanceof Publish p) {
                    record(p);
                    sub.send(new PubAck(p.packetId()));
                }
            }
        } catch (RuntimeException | AssertionError e) {
            // The broker was killed mid-read.
        }
    }

    private void record(Publish p) {
        long n = Long.parseLong(p.payload().toUtf8String());
        int count = deliveries.merge(n, 1, Integer::sum);
        if (count > 1 && !p.dup()) {
            duplicatesWithoutDup.incrementAndGet();
        }
    }
}
