package dev.wren.cli;

import dev.wren.broker.Broker;
import dev.wren.broker.BrokerConfig;
import dev.wren.broker.BrokerStartException;
import dev.wren.broker.config.ConfigException;
import dev.wren.broker.config.ConfigLoader;
import dev.wren.broker.persistence.rocksdb.StoreOpenException;
import dev.wren.broker.security.SecurityFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place that talks to the broker's embedding API, translating its failures into
 * {@link CliException}s that say what to do.
 */
final class BrokerLauncher {
    private BrokerLauncher() {}

    /** A started broker. */
    interface Running extends AutoCloseable {
        /** {@code host:port} actually bound. */
        String address();

        /** The other listeners that are on, e.g. {@code mqtts 127.0.0.1:8883}. */
        List<String> listeners();

        /** Where and how messages are stored, for the startup line. */
        String storage();

        @Override
        void close();
    }

    static String defaultConfigText() {
        return ConfigLoader.defaultYaml();
    }

    static Running start(Path configFile, String host, Integer port, Path dataDir, String durability) {
        BrokerConfig loaded = load(configFile);
        StoreOptions store = StoreOptions.of(loaded, dataDir, durability);
        BrokerConfig.Builder builder = loaded.toBuilder();
        if (host != null) {
            builder.host(host);
        }
        if (port != null) {
            builder.port(port);
        }
        builder.persistence(store.persistence());
        BrokerConfig config = build(builder);
        Broker broker;
        try {
            broker = Broker.start(config);
        } catch (StoreOpenException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        } catch (SecurityFileException | IllegalArgumentException e) {
            // a password/ACL file or TLS certificate that cannot be used: the message names it
            throw new CliException(ExitCodes.USAGE, e.getMessage() + "; fix it and try again", e);
        } catch (BrokerStartException | IllegalStateException e) {
            throw cannotListen(config, e);
        } catch (Exception e) {
            // Netty rethrows bind failures (a checked IOException) without declaring them.
            throw cannotListen(config, e);
        }
        String address = config.host() + ":" + broker.port();
        return new Running() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public List<String> listeners() {
                return broker.listenerAddresses().entrySet().stream()
                        .map(e -> e.getKey() + " " + (e.getKey().equals("admin") ? config.adminHost() : config.host())
                                + ":" + e.getValue().getPort()).toList();
            }

            @Override
            public String storage() {
                return store.describe();
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }

    private static CliException cannotListen(BrokerConfig config, Exception e) {
        return new CliException(ExitCodes.USAGE, "cannot listen on " + config.host() + ":" + config.port() + ": "
                + rootMessage(e) + "; is another broker running? Choose another address with --host/--port", e);
    }

    private static BrokerConfig load(Path file) {
        if (file == null) {
            return BrokerConfig.defaults();
        }
        if (!Files.isReadable(file)) {
            throw new CliException(ExitCodes.USAGE, "cannot read configuration file " + file
                    + "; check the path (wren broker --print-default-config prints a template)");
        }
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            // The loader lists every problem on its own line; the command line reports one line.
            String problems = String.valueOf(e.getMessage()).replace(file + ": ", "").replaceAll("\\s*\\n\\s*", " ");
            throw new CliException(ExitCodes.USAGE, "bad configuration in " + file + ": " + problems
                    + "; fix it and try again", e);
        }
    }

    private static BrokerConfig build(BrokerConfig.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "bad broker option: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
