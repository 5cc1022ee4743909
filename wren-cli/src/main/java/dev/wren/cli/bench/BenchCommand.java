package dev.wren.cli.bench;

import dev.wren.cli.CliException;
import dev.wren.cli.ExitCodes;
import dev.wren.client.MqttClientException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wren bench SCENARIO}: a load generator for any MQTT broker. Runs on a few I/O
 * threads with batched writes, counts what subscribers really receive (loss, duplicates),
 * measures latency with HdrHistogram and reports its own CPU use.
 */
@Command(name = "bench", description = "Measure an MQTT broker: fanin, fanout, pairs, latency, conns.",
        sortOptions = false, usageHelpAutoWidth = true)
public final class BenchCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "fanin, fanout, pairs, latency or conns.")
    String scenario;

    @Mixin
    BenchOptions options;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        options.validate();
        options.qos();
        options.mqttVersion();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads,
                new DefaultThreadFactory("wren-bench", true), NioIoHandler.newFactory());
        try {
            if (options.durabilities != null) {
                compareDurabilities(group);
                return;
            }
            Report report = switch (scenario) {
                case "fanin", "fanout", "pairs", "latency" -> new ThroughputRun(scenario, options, group).run();
                case "conns" -> new ConnsRun(options, group).run();
                default -> throw new CliException(ExitCodes.USAGE, "unknown scenario '" + scenario
                        + "'; use fanin, fanout, pairs, latency or conns");
            };
            System.out.print(options.json ? report.toJson() + System.lineSeparator() : report.toTable());
            System.out.flush();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code --durability sync,async,none}: the same scenario against a fresh in-process Wren
     * broker per mode, one after the other, with a warm-up run before each measured one.
     */
    private void compareDurabilities(EventLoopGroup group) {
        if (!scenario.equals("fanin") && !scenario.equals("fanout") && !scenario.equals("pairs")) {
            throw new CliException(ExitCodes.USAGE, "--durability works with fanin, fanout and pairs, not " + scenario);
        }
        DurabilityTable table = new DurabilityTable();
        for (String mode : options.durabilities) {
            try (LocalBroker broker = LocalBroker.start(mode)) {
                options.host = "127.0.0.1";
                options.port = broker.port();
                if (options.warmup > 0) {
                    new ThroughputRun(scenario, options, group, options.warmup, 0).run();
                }
                long fsyncsBefore = broker.fsyncs();
                var statsBefore = broker.commitStats();
                Report report = new ThroughputRun(scenario, options, group).run();
                report.put("durability", mode);
                double seconds = (Double) report.get("duration_s");
                long fsyncs = broker.fsyncs() - fsyncsBefore;
                report.put("fsyncs", fsyncs).put("fsyncs_per_s", seconds > 0 ? fsyncs / seconds : 0.0);
                var statsAfter = broker.commitStats();
                if (statsAfter != null) {
                    long writes = statsAfter.batches() - statsBefore.batches();
                    long commits = statsAfter.fragments() - statsBefore.fragments();
                    report.put("store_writes", writes).put("store_commits", commits)
                            .put("commits_per_write", writes > 0 ? (double) commits / writes : 0.0)
                            .put("cancelled_puts", statsAfter.cancelledWrites() - statsBefore.cancelledWrites());
                }
                if (options.json) {
                    System.out.println(report.toJson());
                    System.out.flush();
                }
                table.add(report);
            }
        }
        if (!options.json) {
            System.out.print(table.render());
            System.out.flush();
        }
    }

    /** Waits for set-up work, turning a failure into a one-line error. */
    static void await(CompletableFuture<?> f, String what) {
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String message = c instanceof MqttClientException m ? m.getMessage() : String.valueOf(c);
            throw new CliException(ExitCodes.FAILURE, what + " failed: " + message, c);
        } catch (TimeoutException e) {
            throw new CliException(ExitCodes.FAILURE, what + " timed out after 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, what + " interrupted", e);
        }
    }
}
