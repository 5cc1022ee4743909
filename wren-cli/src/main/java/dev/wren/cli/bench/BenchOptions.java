package dev.wren.cli.bench;

import dev.wren.cli.CliException;
import dev.wren.cli.ExitCodes;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import picocli.CommandLine.Option;

/** Options of {@code wren bench}. */
final class BenchOptions {
    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Broker host (default: ${DEFAULT-VALUE}).")
    String host = "localhost";

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Broker port (default: ${DEFAULT-VALUE}).")
    int port = 1883;

    @Option(names = {"-q", "--qos"}, paramLabel = "QOS", description = "QoS 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = {"-n", "--clients"}, paramLabel = "N",
            description = "Publishers (fanin), subscribers (fanout), pairs (pairs, latency) or connections (conns).")
    Integer clients;

    @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS", description = "How long to publish (default: ${DEFAULT-VALUE}).")
    int duration = 10;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N messages per publisher instead of a duration.")
    int count;

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", description = "Payload size, at least 16 (default: ${DEFAULT-VALUE}).")
    int size = 64;

    @Option(names = {"-V", "--protocol-version"}, paramLabel = "VERSION", description = "5, 311 or 31 (default: ${DEFAULT-VALUE}).")
    String version = "5";

    @Option(names = {"-r", "--rate"}, paramLabel = "MSG/S", description = "Total publish rate for latency (default: ${DEFAULT-VALUE}).")
    int rate = 1000;

    @Option(names = {"-w", "--window"}, paramLabel = "N", description = "Unacknowledged messages per publisher (default: ${DEFAULT-VALUE}).")
    int window = 256;

    @Option(names = "--threads", paramLabel = "N", description = "I/O threads (default: ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(names = "--pid", paramLabel = "PID", description = "Broker process id, to measure its memory per connection (conns).")
    Long brokerPid;

    @Option(names = "--connect-concurrency", paramLabel = "N", description = "Connections opened at once (conns; default: ${DEFAULT-VALUE}).")
    int connectConcurrency = 200;

    @Option(names = "--session-expiry", paramLabel = "SECONDS",
            description = "Subscribers keep a persistent session: Clean Start 0 and this Session Expiry Interval "
                    + "(5.0; 3.x: Clean Session 0). Default 0: clean sessions, or 3600 with --durability. "
                    + "The sessions are discarded after the run.")
    Long sessionExpiry;

    @Option(names = "--durability", paramLabel = "MODES", split = ",",
            description = "Instead of connecting to --host/--port, start a Wren broker in this process for each "
                    + "listed mode (sync, async, none; e.g. sync,async,none) with a fresh data directory, run the "
                    + "scenario against each in turn and print one row per mode, with the store's fsyncs.")
    java.util.List<String> durabilities;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "With --durability: an unmeasured run of this length before each measured one (default: ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Option(names = "--json", description = "Print the result as one JSON line.")
    boolean json;

    @Option(names = "--no-progress", description = "No live progress line on stderr.")
    boolean noProgress;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    QoS qos() {
        if (qos < 0 || qos > 2) {
            throw new CliException(ExitCodes.USAGE, "QoS must be 0, 1 or 2, not " + qos);
        }
        return QoS.of(qos);
    }

    MqttVersion mqttVersion() {
        return switch (version) {
            case "5" -> MqttVersion.V5;
            case "311" -> MqttVersion.V3_1_1;
            case "31" -> MqttVersion.V3_1;
            default -> throw new CliException(ExitCodes.USAGE, "protocol version must be 5, 311 or 31");
        };
    }

    /** Session Expiry Interval of the subscribers; 0 means clean sessions. */
    long sessionExpiry() {
        if (sessionExpiry != null) {
            return sessionExpiry;
        }
        return durabilities != null ? 3600 : 0;
    }

    int clients(int defaultValue) {
        int n = clients != null ? clients : defaultValue;
        if (n < 1) {
            throw new CliException(ExitCodes.USAGE, "-n must be at least 1");
        }
        return n;
    }

    void validate() {
        if (duration < 1 && count < 1) {
            throw new CliException(ExitCodes.USAGE, "give a duration (-d) or a count (-c)");
        }
        if (window < 1 || threads < 1 || rate < 1) {
            throw new CliException(ExitCodes.USAGE, "--window, --threads and --rate must be positive");
        }
        if (sessionExpiry != null && (sessionExpiry < 0 || sessionExpiry > 0xFFFFFFFFL)) {
            throw new CliException(ExitCodes.USAGE, "--session-expiry must be 0..4294967295 seconds");
        }
        if (warmup < 0) {
            throw new CliException(ExitCodes.USAGE, "--warmup must not be negative");
        }
        if (durabilities != null) {
            for (String d : durabilities) {
                if (!d.equals("sync") && !d.equals("async") && !d.equals("none")) {
                    throw new CliException(ExitCodes.USAGE, "--durability takes sync, async and none, not '" + d + "'");
                }
            }
        }
    }
}
