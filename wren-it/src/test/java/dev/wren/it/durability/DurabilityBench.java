package dev.wren.it.durability;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A measured harness (not a test): QoS 1 fan-in into one persistent subscriber on a
 * {@code wren broker} child process, once per durability ({@code sync}, {@code async},
 * {@code none}). P publishers each keep W PUBLISHes in flight; prints PUBACKs/s and the
 * publish → PUBACK latency percentiles as Markdown table rows.
 *
 * <p>Run from wren-it with the test classpath: {@code java -cp <it test classpath>
 * dev.wren.it.durability.DurabilityBench [publishers] [window] [seconds]} (the same
 * {@code -Dwren.it.brokerMain} override as the ITs applies).
 */
public final class DurabilityBench {
    private DurabilityBench() {}

    public static void main(String[] args) throws Exception {
        int publishers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.println("| durability | publishers × window | PUBACKs/s | delivered/s | p50 µs | p99 µs |");
        System.out.println("|---|---|---|---|---|---|");
        for (String durability : List.of("sync", "async", "none")) {
            Path dir = Files.createTempDirectory("wren-durability-bench").resolve("data");
            try (BrokerProcess broker = BrokerProcess.start(dir, durability)) {
                run(broker.port(), durability, publishers, window, seconds);
            }
        }
    }

    private static void run(int port, String durability, int publishers, int window, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong delivered = new AtomicLong();
        RawClient sub = RawClient.open(port);
        sub.connect(RestartIT.persistent("bench-sub", 3600));
        sub.subscribe("bench/#", QoS.AT_LEAST_ONCE);
        Thread subThread = Thread.ofPlatform().start(() -> drain(sub, stop, delivered));
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            String id = "bench-pub-" + i;
            threads.add(Thread.ofPlatform().start(() -> {
                long[] lat = publish(port, id, window, stop);
                synchronized (latencies) {
                    latencies.add(lat);
                }
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Thread t : threads) {
            t.join();
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("| %s | %d × %d | %.0f | %.0f | %d | %d |%n", durability, publishers, window,
                all.length / elapsed, delivered.get() / elapsed, pct(all, 0.5), pct(all, 0.99));
        sub.close();
        subThread.join();
    }

    /** Keeps {@code window} QoS 1 PUBLISHes in flight; returns publish → PUBACK latencies in ns. */
    private static long[] publish(int port, String clientId, int window, AtomicBoolean stop) {
        long[] sentAt = new long[65536];
        long[][] lat = {new long[4096]};
        int[] n = {0};
        Semaphore slots = new Semaphore(window);
        try (RawClient pub = RawClient.open(port)) {
            pub.connectOk(MqttVersion.V5, clientId);
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    while (true) {
                        if (pub.read() instanceof PubAck ack) {
                            long l = System.nanoTime() - sentAt[ack.packetId()];
                            if (n[0] == lat[0].length) {
                                lat[0] = Arrays.copyOf(lat[0], n[0] * 2);
                            }
                            lat[0][n[0]++] = l;
                            slots.release();
                        }
                    }
                } catch (RuntimeException | AssertionError e) {
                    // Closed at the end of the run.
                }
            });
            int id = 0;
            byte[] payload = new byte[64];
            while (!stop.get()) {
                slots.acquire();
                id = id == 65535 ? 1 : id + 1;
                sentAt[id] = System.nanoTime();
                pub.send(Packets.publish("bench/" + clientId, new String(payload), QoS.AT_LEAST_ONCE, id));
            }
            slots.tryAcquire(window, 10, java.util.concurrent.TimeUnit.SECONDS);
            pub.close();
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Arrays.copyOf(lat[0], n[0]);
    }

    private static void drain(RawClient sub, AtomicBoolean stop, AtomicLong delivered) {
        try {
            while (true) {
                if (sub.read() instanceof Publish p) {
                    delivered.incrementAndGet();
                    sub.send(new PubAck(p.packetId()));
                }
            }
        } catch (RuntimeException | AssertionError e) {
            // Closed at the end of the run, or quiet for RawClient.TIMEOUT after it.
        }
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
                / 1000;
    }
}
