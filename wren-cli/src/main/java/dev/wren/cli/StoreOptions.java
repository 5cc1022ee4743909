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
 * The broker's storage: the durable RocksDB store in a data directory ({@code sync}, the
 * default, or {@code async}), or memory only ({@code none}). The configuration file's
 * {@code persistence:} section gives the values; {@code --data-dir} and {@code --durability}
 * override them.
 *
 * @param dataDir the store's directory
 * @param durability {@code sync}, {@code async} or {@code none}
 * @param flushInterval how often {@code async} fsyncs: what a power cut can lose at most
 * @param moveAsideCorrupt whether a store too damaged to open is moved aside instead of refused
 */
record StoreOptions(Path dataDir, String durability, Duration flushInterval, boolean moveAsideCorrupt) {

    /** The file's (or the default) settings with the command line's overrides, which may be null. */
    static StoreOptions of(BrokerConfig config, Path dataDirOverride, String durabilityOverride) {
        String mode = durabilityOverride == null ? config.durability() : durabilityOverride.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("sync") && !mode.equals("async") && !mode.equals("none")) {
            throw new CliException(ExitCodes.USAGE, "--durability must be sync, async or none, not '" + durabilityOverride + "'");
        }
        Path dir = dataDirOverride == null ? config.dataDir() : dataDirOverride;
        return new StoreOptions(dir, mode, config.flushInterval(), config.moveAsideCorruptStore());
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
        return () -> RocksPersistence.open(dir, mode, flushInterval, moveAsideCorrupt);
    }

    String describe() {
        if (inMemory()) {
            return "durability none (in memory: nothing survives a restart)";
        }
        return "durability " + durability + ", data in " + dataDir.toAbsolutePath().normalize();
    }
}
