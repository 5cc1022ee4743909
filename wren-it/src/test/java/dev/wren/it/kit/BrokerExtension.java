package dev.wren.it.kit;

import dev.wren.broker.Broker;
import dev.wren.broker.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an in-process {@link Broker} on {@code 127.0.0.1}, port 0, with a temporary data
 * directory and a {@link MutableClock}.
 *
 * <pre>
 * &#64;RegisterExtension static BrokerExtension broker = new BrokerExtension();      // one broker per class
 * &#64;RegisterExtension BrokerExtension broker = new BrokerExtension(cfg -&gt; ...);   // one broker per test
 * </pre>
 *
 * Raw clients opened through {@link #rawClient()} are closed after each test.
 *
 * <p>Not thread-safe: driven by the JUnit lifecycle, used from the test thread.
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Consumer<BrokerConfig.Builder> customizer;
    private final List<AutoCloseable> perTest = new ArrayList<>();
    /**
     * System property: use a broker already listening on this port of 127.0.0.1 instead of
     * starting Wren, e.g. {@code -Dwren.it.peerPort=18830} with a local mosquitto, to check the
     * tests themselves against a reference broker. Tests that need Wren's API are skipped.
     */
    public static final String PEER_PORT = "wren.it.peerPort";

    private Integer peerPort;
    private boolean perClass;
    private MutableClock clock;
    private Path dataDir;
    private Broker broker;

    public BrokerExtension() {
        this(cfg -> {});
    }

    /** @param customizer adjusts the configuration after the kit's defaults (host, port 0, clock) */
    public BrokerExtension(Consumer<BrokerConfig.Builder> customizer) {
        this.customizer = customizer;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeTestResources();
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the broker (used by the lifecycle callbacks and by runners outside JUnit's). */
    public void start() {
        peerPort = Integer.getInteger(PEER_PORT);
        try {
            clock = new MutableClock();
            dataDir = Files.createTempDirectory("wren-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BrokerConfig.Builder b = BrokerConfig.builder().host("127.0.0.1").port(0).clock(clock);
        customizer.accept(b);
        if (peerPort == null) {
            broker = Broker.start(b.build());
        }
    }

    /** Stops the broker and deletes its data directory. */
    public void stop() {
        closeTestResources();
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (dataDir != null) {
            deleteTree(dataDir);
            dataDir = null;
        }
    }

    /** The running broker; a test that needs it is skipped when running against a peer broker. */
    public Broker broker() {
        org.junit.jupiter.api.Assumptions.assumeTrue(peerPort == null, "needs the in-process Wren broker");
        return broker;
    }

    public int port() {
        return peerPort != null ? peerPort : broker.port();
    }

    /** {@code tcp://127.0.0.1:port}, for Paho and friends. */
    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    /** The broker's clock; a test that needs it is skipped when running against a peer broker. */
    public MutableClock clock() {
        org.junit.jupiter.api.Assumptions.assumeTrue(peerPort == null, "needs the in-process broker's clock");
        return clock;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A raw client connected to this broker, closed after the test. */
    public RawClient rawClient() {
        return track(RawClient.open(port()));
    }

    /** A raw client connected (CONNECT + successful CONNACK, clean start) with {@code clientId}. */
    public RawClient connected(dev.wren.codec.MqttVersion version, String clientId) {
        RawClient c = rawClient();
        c.connectOk(version, clientId);
        return c;
    }

    /**
     * Waits (at most 5 s) until the broker counts exactly {@code n} open connections: after a
     * client closes its socket, this is how a test knows the broker has noticed.
     */
    public void awaitConnections(long n) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(10))
                .until(() -> broker().metrics().get(dev.wren.broker.metrics.Metric.CONNECTIONS_CURRENT) == n);
    }

    /** Closes {@code resource} after the current test. */
    public <T extends AutoCloseable> T track(T resource) {
        perTest.add(resource);
        return resource;
    }

    private void closeTestResources() {
        for (int i = perTest.size() - 1; i >= 0; i--) {
            try {
                perTest.get(i).close();
            } catch (Exception ignored) {
                // best effort: a test resource that fails to close must not hide the result
            }
        }
        perTest.clear();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
