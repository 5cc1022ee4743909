package dev.wren.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wren broker}: runs the broker in the foreground until SIGTERM or Ctrl-C.
 *
 * <p>Configuration comes from {@code --config} (or the built-in defaults: 127.0.0.1:1883,
 * anonymous clients allowed, durable store in {@code ./wren-data} with {@code durability: sync}) and
 * is then overridden by {@code --host}, {@code --port}, {@code --data-dir} and {@code --durability}.
 */
@Command(name = "broker", description = "Run the Wren MQTT broker in the foreground.", usageHelpAutoWidth = true)
public final class BrokerCommand implements Runnable {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: built-in defaults).")
    Path config;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (overrides the configuration).")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "TCP port to listen on, 0 for any free port (overrides the configuration).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the durable store (overrides persistence.data-dir; default ./wren-data).")
    Path dataDir;

    @Option(names = "--durability", paramLabel = "MODE",
            description = "sync (default: acknowledge after fsync), async (fsync every flush interval) or none (memory only); overrides persistence.durability.")
    String durability;

    @Option(names = "--print-default-config", description = "Print the default configuration file and exit.")
    boolean printDefaultConfig;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        if (printDefaultConfig) {
            System.out.print(BrokerLauncher.defaultConfigText());
            System.out.flush();
            return;
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new CliException(ExitCodes.USAGE, "--port must be 0..65535, not " + port);
        }
        // The broker logs its life cycle at INFO; the client commands keep the default (WARN).
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        BrokerLauncher.Running running = BrokerLauncher.start(config, host, port, dataDir, durability);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "wren-shutdown"));
        System.out.println("Wren " + WrenVersion.get() + " listening on " + running.address() + " (MQTT 3.1, 3.1.1, 5.0), "
                + running.storage());
        for (String l : running.listeners()) {
            System.out.println("  also listening for " + l);
        }
        System.out.flush();
        awaitQuietly(stopped);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        // The main thread parks here until the shutdown hook has closed the broker.
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
