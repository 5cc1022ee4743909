package dev.wren.broker.persistence.rocksdb;

import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.QueuedDelivery;
import dev.wren.broker.session.Message;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The victim of {@link CrashRecoveryTest}: a separate JVM that drives the persistence SPI as the
 * broker does, from several threads, until it is killed. Arguments: data dir, writer threads,
 * first message number, durability. For message {@code n} (the payload)
 * it prints {@code ack n} once {@code stored(..)} is durable, i.e. when the broker would send
 * PUBACK; every third message is then acknowledged by the subscriber and {@code del n} is
 * printed once that removal is durable.
 */
public final class CrashWriterMain {
    static final String CLIENT = "crash-subscriber";

    private CrashWriterMain() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        Durability durability = Durability.parse(args[3]);
        RocksPersistence persistence = RocksPersistence.open(dir, durability, Duration.ofSeconds(1), false);
        persistence.load();
        persistence.sessions().saveSession(CLIENT, MqttVersion.V5, 0xFFFF_FFFFL, null).toCompletableFuture().join();
        // Each run numbers its messages from its own base, so that runs never reuse a number.
        AtomicLong counter = new AtomicLong(Long.parseLong(args[2]));
        PrintStream out = System.out;
        for (int i = 0; i < writers; i++) {
            Thread.ofPlatform().start(() -> writeForever(persistence, counter, out));
        }
    }

    private static void writeForever(RocksPersistence p, AtomicLong counter, PrintStream out) {
        List<QueuedDelivery> to = List.of(new QueuedDelivery(CLIENT, QoS.AT_LEAST_ONCE, false, List.of()));
        while (true) {
            long n = counter.incrementAndGet();
            Message m = new Message("crash/t", Binary.utf8(Long.toString(n)), QoS.AT_LEAST_ONCE, false, null,
                    "publisher", Long.MAX_VALUE);
            MessageStore.Stored stored = p.messages().stored(m, to, "publisher", 0);
            stored.durable().toCompletableFuture().join();
            print(out, "ack " + n);
            if (n % 3 == 0) {
                p.messages().acked(CLIENT, stored.firstSeq()).toCompletableFuture().join();
                print(out, "del " + n);
            }
        }
    }

    private static void print(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
