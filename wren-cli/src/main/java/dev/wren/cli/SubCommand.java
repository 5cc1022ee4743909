package dev.wren.cli;

import dev.wren.client.ConnectionEvent;
import dev.wren.client.Message;
import dev.wren.client.MqttClient;
import dev.wren.client.MqttClientException;
import dev.wren.client.ReconnectPolicy;
import dev.wren.client.SubscribeResult;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.Topics;
import dev.wren.codec.packet.Subscription;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wren sub}: subscribes to one or more filters and prints what arrives until Ctrl-C,
 * {@code -C} messages or the {@code -W} timeout. Exit 0 normally, 1 on a refused connection
 * or subscription, 27 when {@code -W} expired first.
 */
@Command(name = "sub", description = "Subscribe and print MQTT messages (options as in mosquitto_sub).",
        sortOptions = false, usageHelpAutoWidth = true)
public final class SubCommand implements Runnable {
    @Mixin
    ConnectionOptions conn;

    @Option(names = {"-t", "--topic"}, paramLabel = "FILTER", description = "Topic filter (repeatable; or give -L).")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-T", "--filter-out"}, paramLabel = "FILTER", description = "Do not print topics matching FILTER.")
    List<String> filterOut = new ArrayList<>();

    @Option(names = {"-q", "--qos"}, paramLabel = "QOS", description = "Maximum QoS (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = {"-v", "--verbose-output"}, description = "Print the topic before the payload.")
    boolean verboseOutput;

    @Option(names = {"-F", "--format"}, paramLabel = "FORMAT", description = "Output format: %%t %%p %%x %%l %%q %%r %%j %%I %%U.")
    String format;

    @Option(names = "--json", description = "Print each message as one JSON line with its properties.")
    boolean json;

    @Option(names = {"-N", "--no-eol"}, description = "Do not print a newline after each message.")
    boolean noEol;

    @Option(names = {"-C", "--count"}, paramLabel = "N", description = "Exit after N messages.")
    int count;

    @Option(names = {"-W", "--timeout"}, paramLabel = "SECONDS", description = "Exit (code 27) after SECONDS without finishing.")
    int timeout;

    @Option(names = {"-R", "--no-retained"}, description = "Do not print retained (stale) messages.")
    boolean noRetained;

    @Option(names = "--retained-only", description = "Print only retained messages, exit at the first live one.")
    boolean retainedOnly;

    @Option(names = {"-E", "--exit-after-subscribe"}, description = "Exit once the subscriptions are made.")
    boolean exitAfterSubscribe;

    @Option(names = {"-U", "--unsubscribe"}, paramLabel = "FILTER", description = "Unsubscribe from FILTER (repeatable) before subscribing.")
    List<String> unsubscribe = new ArrayList<>();

    @Option(names = "--unsubscribe-on-exit", description = "Unsubscribe from every filter before disconnecting.")
    boolean unsubscribeOnExit;

    @Option(names = "--no-local", description = "Do not receive our own publications (MQTT 5).")
    boolean noLocal;

    @Option(names = "--retain-as-published", description = "Keep the publisher's RETAIN flag (MQTT 5).")
    boolean retainAsPublished;

    @Option(names = "--retain-handling", paramLabel = "0|1|2", description = "Retained messages at subscribe (MQTT 5).")
    int retainHandling;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final CompletableFuture<Integer> finished = new CompletableFuture<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicBoolean connectionLost = new AtomicBoolean();

    @Override
    public void run() {
        String urlTopic = conn.applyUrl();
        if (urlTopic != null) {
            filters.add(urlTopic);
        }
        if (filters.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "no topic filter given: use -t FILTER or -L URL");
        }
        ClientSupport.checkProperties(conn);
        List<Subscription> subs = subscriptions();
        OutputFormat out = OutputFormat.of(format, verboseOutput, json);
        PrintStream stdout = System.out;
        try (MqttClient client = MqttClient.create(conn.toBuilder("sub", ReconnectPolicy.DEFAULT)
                .connectionListener(this::report).build())) {
            client.onMessage(m -> onMessage(m, out, stdout));
            ClientSupport.connect(client, conn);
            if (!unsubscribe.isEmpty()) {
                client.unsubscribe(unsubscribe.toArray(String[]::new));
            }
            checkGranted(ClientSupport.await(client.subscribeAsync(subs, subscriptionId(), conn.userProperties("subscribe"))));
            int code = exitAfterSubscribe ? ExitCodes.OK : waitUntilDone(client);
            if (unsubscribeOnExit) {
                client.unsubscribe(filters.toArray(String[]::new));
            }
            client.disconnect();
            if (code != ExitCodes.OK) {
                throw new CliException(code, "timed out after " + timeout + " s with " + received.get() + " message(s)");
            }
        } catch (MqttClientException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    /** Tells the user on stderr when the connection drops and comes back; stdout stays clean. */
    private void report(ConnectionEvent event) {
        if (event instanceof ConnectionEvent.Disconnected d && d.willReconnect()) {
            connectionLost.set(true);
            String why = d.reasonCode() != null
                    ? " (reason code 0x" + String.format("%02X", d.reasonCode().code()) + " " + d.reasonCode().name() + ")"
                    : d.cause() != null ? ": " + d.cause().getMessage() : "";
            System.err.println("wren: connection lost" + why
                    + (d.serverReference() != null ? ", server reference " + d.serverReference() : "") + "; reconnecting");
        } else if (event instanceof ConnectionEvent.Connected c && connectionLost.getAndSet(false)) {
            System.err.println("wren: reconnected" + (c.result().sessionPresent() ? " (session resumed)" : ""));
        }
    }

    private int waitUntilDone(MqttClient client) {
        AtomicBoolean exiting = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (!exiting.get()) {
                finished.complete(ExitCodes.OK);
                if (unsubscribeOnExit) {
                    client.unsubscribeAsync(filters.toArray(String[]::new)).orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
                }
                client.disconnectAsync().orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        }, "wren-sub-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        CompletableFuture<Integer> done = timeout > 0
                ? finished.completeOnTimeout(ExitCodes.TIMEOUT, timeout, TimeUnit.SECONDS)
                : finished;
        int code = ClientSupport.await(done);
        exiting.set(true);
        return code;
    }

    private void onMessage(Message m, OutputFormat out, PrintStream stdout) {
        if (finished.isDone()) {
            return;
        }
        if (retainedOnly && !m.retain()) {
            finished.complete(ExitCodes.OK);
            return;
        }
        if ((noRetained && m.retain()) || filteredOut(m.topic())) {
            return;
        }
        stdout.writeBytes(out.bytes(m));
        if (!noEol) {
            stdout.print('\n');
        }
        stdout.flush();
        if (count > 0 && received.incrementAndGet() >= count) {
            finished.complete(ExitCodes.OK);
        }
    }

    private boolean filteredOut(String topic) {
        for (String f : filterOut) {
            if (TopicMatch.matches(topic, f)) {
                return true;
            }
        }
        return false;
    }

    private List<Subscription> subscriptions() {
        QoS q = ConnectionOptions.qos(qos);
        if (retainHandling < 0 || retainHandling > 2) {
            throw new CliException(ExitCodes.USAGE, "--retain-handling must be 0, 1 or 2");
        }
        List<Subscription> subs = new ArrayList<>();
        for (String f : filters) {
            String problem = Topics.checkFilter(f);
            if (problem != null) {
                throw new CliException(ExitCodes.USAGE, "invalid topic filter '" + f + "': " + problem);
            }
            subs.add(new Subscription(new TopicFilter(f), q, noLocal, retainAsPublished, RetainHandling.of(retainHandling)));
        }
        return subs;
    }

    private int subscriptionId() {
        String id = conn.property("subscribe", "subscription-identifier");
        return id == null ? 0 : (int) ClientSupport.parseLong("subscription-identifier", id);
    }

    private void checkGranted(SubscribeResult result) {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < result.reasonCodes().size(); i++) {
            ReasonCode rc = result.reasonCodes().get(i);
            if (rc.isError()) {
                failed.add(filters.get(i) + " (reason code 0x" + String.format("%02X", rc.code()) + " " + rc.name() + ")");
            }
        }
        if (!failed.isEmpty()) {
            throw new CliException(ExitCodes.FAILURE, "subscription refused: " + String.join(", ", failed)
                    + (result.reasonString() != null ? ": " + result.reasonString() : ""));
        }
    }
}
