package dev.wren.cli;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.rocksdb.Durability;
import dev.wren.broker.persistence.rocksdb.RocksPersistence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The broker's storage as chosen on the command line: the durable RocksDB store in a data
 * directory ({@code sync}, the default, or {@code async}), or memory only ({@code none}).
 *
 * @param dataDir the store's directory
 * @param durability {@code sync}, {@code async} or {@code none}
 */
record StoreOptions(Path dataDir, String durability) {
    static final Path DEFAULT_DATA_DIR = Path.of("wren-data");
    static final String DEFAULT_DURABILITY = "sync";
    /** Upper bound of what a power cut can lose with {@code durability: async}. */
    static final Duration ASYNC_FLUSH_INTERVAL = Duration.ofSeconds(1);

    static StoreOptions of(Path dataDir, String durability) {
        String mode = durability == null ? DEFAULT_DURABILITY : durability.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("sync") && !mode.equals("async") && !mode.equals("none")) {
            throw new CliException(ExitCodes.USAGE, "--durability must be sync, async or none, not '" + durability + "'");
        }
        return new StoreOptions(dataDir == null ? DEFAULT_DATA_DIR : dataDir, mode);
    }

    boolean inMemory() {
        return durability.equals("none");
    }

    /** Opens the store when the broker starts; failures surface as StoreOpenException from Broker.start. */
    Supplier<Persistence> persistence() {
        if (inMemory()) {
            return BrokerConfig.IN_MEMORY;
        }
        Durability mode = Durability.parse(durability);
        Path dir = dataDir.toAbsolutePath().normalize();
        return () -> RocksPersistence.open(dir, mode, ASYNC_FLUSH_INTERVAL, false);
    }

    String describe() {
        if (inMemory()) {
            return "durability none (in memory: nothing survives a restart)";
        }
        return "durability " + durability + ", data in " + dataDir.toAbsolutePath().normalize();
    }
}
