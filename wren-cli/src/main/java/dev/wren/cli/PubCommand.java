package dev.wren.cli;

import dev.wren.client.Message;
import dev.wren.client.MqttClient;
import dev.wren.client.MqttClientException;
import dev.wren.client.PublishResult;
import dev.wren.client.ReconnectPolicy;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wren pub}: publishes one message, a file, stdin, or stdin line by line, then waits
 * for every acknowledgement and disconnects. Exit 0 when all were acknowledged, 1 with the
 * reason code otherwise.
 */
@Command(name = "pub", description = "Publish MQTT messages (options as in mosquitto_pub).", sortOptions = false,
        usageHelpAutoWidth = true)
public final class PubCommand implements Runnable {
    @Mixin
    ConnectionOptions conn;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", description = "Topic to publish to (or give -L).")
    String topic;

    @ArgGroup(exclusive = true)
    Source source = new Source();

    static final class Source {
        @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Message payload.")
        String message;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Send the contents of FILE as one message.")
        Path file;

        @Option(names = {"-l", "--stdin-line"}, description = "Send each line of stdin as a message.")
        boolean lines;

        @Option(names = {"-s", "--stdin-file"}, description = "Send all of stdin as one message.")
        boolean stdin;

        @Option(names = {"-n", "--null-message"}, description = "Send an empty message.")
        boolean empty;
    }

    @Option(names = {"-q", "--qos"}, paramLabel = "QOS", description = "QoS 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = {"-r", "--retain"}, description = "Retain the message.")
    boolean retain;

    @Option(names = {"-e", "--response-topic"}, paramLabel = "TOPIC", description = "Response Topic (MQTT 5).")
    String responseTopic;

    @Option(names = "--correlation-data", paramLabel = "TEXT", description = "Correlation Data (MQTT 5).")
    String correlationData;

    @Option(names = "--repeat", paramLabel = "N", description = "Publish the message N times (default 1).")
    int repeat = 1;

    @Option(names = "--quiet", description = "Print nothing, not even errors.")
    boolean quiet;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        String urlTopic = conn.applyUrl();
        if (topic == null) {
            topic = urlTopic;
        }
        if (topic == null) {
            throw new CliException(ExitCodes.USAGE, "no topic given: use -t TOPIC or -L URL");
        }
        ClientSupport.checkProperties(conn);
        QoS q = ConnectionOptions.qos(qos);
        PublishProperties props = properties();
        List<Binary> payloads = source.lines ? List.of() : payloads();
        try (MqttClient client = MqttClient.create(conn.toBuilder("pub", ReconnectPolicy.NEVER).build())) {
            ClientSupport.connect(client, conn);
            List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
            if (source.lines) {
                publishLines(client, q, props, acks);
            }
            for (int i = 0; i < repeat; i++) {
                for (Binary payload : payloads) {
                    acks.add(client.publishAsync(new Message(topic, payload, q, retain, props, List.of())));
                }
            }
            for (CompletableFuture<PublishResult> f : acks) {
                ClientSupport.await(f);
            }
            client.disconnect();
        } catch (MqttClientException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    /** Publishes each stdin line as it arrives, so {@code -l} works on an endless pipe. */
    private void publishLines(MqttClient client, QoS q, PublishProperties props,
            List<CompletableFuture<PublishResult>> acks) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                acks.add(client.publishAsync(new Message(topic, Binary.utf8(line), q, retain, props, List.of())));
                if (acks.size() >= 1024) {
                    // Await what is done (rethrowing failures) so an endless pipe does not grow the list.
                    acks.removeIf(f -> f.isDone() && ClientSupport.await(f) != null);
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read stdin: " + e.getMessage(), e);
        }
    }

    private PublishProperties properties() {
        String expiry = conn.property("publish", "message-expiry-interval");
        String format = conn.property("publish", "payload-format-indicator");
        String response = responseTopic != null ? responseTopic : conn.property("publish", "response-topic");
        String correlation = correlationData != null ? correlationData : conn.property("publish", "correlation-data");
        return new PublishProperties("1".equals(format),
                expiry == null ? -1 : ClientSupport.parseLong("message-expiry-interval", expiry),
                conn.property("publish", "content-type"), response,
                correlation == null ? null : Binary.utf8(correlation), conn.userProperties("publish"));
    }

    private List<Binary> payloads() {
        Source s = source;
        try {
            if (s.message != null) {
                return List.of(Binary.utf8(s.message));
            }
            if (s.file != null) {
                return List.of(Binary.wrap(Files.readAllBytes(s.file)));
            }
            if (s.stdin) {
                return List.of(Binary.wrap(System.in.readAllBytes()));
            }
            if (s.empty) {
                return List.of(Binary.EMPTY);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read the message: " + e.getMessage(), e);
        }
        throw new CliException(ExitCodes.USAGE, "no message given: use -m, -f, -l, -s or -n");
    }
}
