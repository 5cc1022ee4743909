package dev.wren.cli.bench;

import dev.wren.broker.Broker;
import dev.wren.broker.BrokerConfig;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.rocksdb.CommitStats;
import dev.wren.broker.persistence.rocksdb.Durability;
import dev.wren.broker.persistence.rocksdb.RocksPersistence;
import dev.wren.cli.CliException;
import dev.wren.cli.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A Wren broker started by the bench itself ({@code --durability}), in this JVM, on a free
 * loopback port with the {@code wren broker} defaults and a fresh data directory that is
 * deleted on {@link #close()}. In-process so that the bench can read the store's commit
 * counters (fsyncs) directly; the broker and the load generator then share the CPU, which the
 * report's {@code cpu_percent} shows.
 *
 * <p>Not thread-safe: started and closed by the coordinating thread.
 */
final class LocalBroker implements AutoCloseable {
    private final String durability;
    private final Path dir;
    private final Broker broker;
    private final AtomicReference<RocksPersistence> store = new AtomicReference<>();

    private LocalBroker(String durability) {
        this.durability = durability;
        try {
            this.dir = Files.createTempDirectory("wren-bench-" + durability);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot create a data directory for the bench broker: " + e, e);
        }
        Supplier<Persistence> persistence = durability.equals("none") ? BrokerConfig.IN_MEMORY : () -> {
            RocksPersistence p = RocksPersistence.open(dir.resolve("data"), Durability.parse(durability),
                    Duration.ofSeconds(1), false);
            store.set(p);
            return p;
        };
        this.broker = Broker.start(BrokerConfig.defaults().toBuilder().host("127.0.0.1").port(0)
                .persistence(persistence).build());
    }

    /** Starts a broker with durability {@code sync}, {@code async} or {@code none}. */
    static LocalBroker start(String durability) {
        return new LocalBroker(durability);
    }

    String durability() {
        return durability;
    }

    int port() {
        return broker.port();
    }

    /** Fsyncs so far (0 without a durable store). */
    long fsyncs() {
        RocksPersistence p = store.get();
        return p == null ? 0 : p.stats().fsyncs();
    }

    /** The store's commit counters, or {@code null} for {@code none}. */
    CommitStats commitStats() {
        RocksPersistence p = store.get();
        return p == null ? null : p.stats();
    }

    @Override
    public void close() {
        broker.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete the bench broker's data directory " + dir + ": " + e);
        }
    }
}
