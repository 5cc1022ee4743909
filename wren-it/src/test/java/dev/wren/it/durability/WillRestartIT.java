package dev.wren.it.durability;

import static dev.wren.it.durability.RestartIT.persistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wren.codec.QoS;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pending wills across restarts of a {@code wren broker} child process (durability sync). A v5
 * client with a persistent session and a delayed will drops its TCP connection, the broker is
 * stopped (SIGTERM) or killed ({@code kill -9}) and started again on the same data directory.
 * The will must be published once, when its delay ends or its session expires while the broker
 * runs again [MQTT-3.1.3-9], and not at all if the client comes back in time.
 *
 * <p>The broker runs with the real clock, so the intervals are a few seconds; each wait is
 * bounded. A persistent subscriber watches the will topic: a will published while it is
 * offline is queued for it, so nothing is missed between a restart and its reconnect.
 */
class WillRestartIT {
    private static final String WILL_TOPIC = "will/w";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @BeforeAll
    static void requiresPersistenceWiring() {
        assumeTrue(BrokerProcess.supportsDataDir(), "wren broker has no --data-dir/--durability yet");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stop", "kill -9"})
    void willDelay_endsAfterRestart_publishedOnce_notAgainAfterAnotherRestart(String how) {
        Path dir = tmp.resolve("data");
        long droppedAt;
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            watchWillTopic(broker);
            droppedAt = connectAndDrop(broker, 600, 3);
            restartWay(broker, how);
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync");
                RawClient watch = RawClient.open(broker.port())) {
            assertThat(watch.connect(persistent("watch", 600)).sessionPresent()).isTrue();
            Publish will = awaitWill(watch);
            assertThat(System.currentTimeMillis()).as("not before the Will Delay Interval")
                    .isGreaterThanOrEqualTo(droppedAt + 3_000);
            assertThat(will.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            watch.expectNothingFor(Duration.ofMillis(1_500));
            broker.stop();
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync");
                RawClient watch = RawClient.open(broker.port())) {
            assertThat(watch.connect(persistent("watch", 600)).sessionPresent()).isTrue();
            // A will restored again would be overdue: published by the first sweep (1 s) after start.
            watch.expectNothingFor(Duration.ofMillis(2_500));
        }
    }

    @Test
    void sessionExpiry_endsAfterKill_willPublishedOnce_sessionGone() {
        Path dir = tmp.resolve("data");
        long droppedAt;
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            watchWillTopic(broker);
            droppedAt = connectAndDrop(broker, 6, 30);
            broker.kill();
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync");
                RawClient watch = RawClient.open(broker.port());
                RawClient w = RawClient.open(broker.port())) {
            assertThat(System.currentTimeMillis()).as("restart within the session expiry (else it ends while down)")
                    .isLessThan(droppedAt + 6_000);
            assertThat(watch.connect(persistent("watch", 600)).sessionPresent()).isTrue();
            awaitWill(watch);
            assertThat(System.currentTimeMillis()).as("not before the session expired")
                    .isGreaterThanOrEqualTo(droppedAt + 6_000);
            watch.expectNothingFor(Duration.ofMillis(1_500));
            assertThat(w.connect(persistent("w", 600)).sessionPresent()).as("the expired session").isFalse();
        }
    }

    /**
     * MQTT 5.0 3.1.3.2.2: the will is published when the Will Delay Interval passes or the session
     * ends, whichever comes first. A session that ends while the broker is down still owes its
     * will: it goes out at the next start, once (queued durably for the offline subscriber, not
     * again after another restart), and the session is gone.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stop", "kill -9"})
    void sessionExpiry_endsWhileBrokerDown_willPublishedAtStart_once(String how) throws InterruptedException {
        Path dir = tmp.resolve("data");
        long droppedAt;
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            watchWillTopic(broker);
            droppedAt = connectAndDrop(broker, 2, 600);
            restartWay(broker, how);
        }
        long wait = droppedAt + 2_500 - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait); // the session expires while no broker runs
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            broker.stop(); // the will was routed at start-up: queued for the offline watcher on disk
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync");
                RawClient watch = RawClient.open(broker.port());
                RawClient w = RawClient.open(broker.port())) {
            assertThat(watch.connect(persistent("watch", 600)).sessionPresent()).isTrue();
            Publish will = awaitWill(watch);
            assertThat(will.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            watch.expectNothingFor(Duration.ofMillis(1_500));
            assertThat(w.connect(persistent("w", 600)).sessionPresent()).as("the expired session").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stop", "kill -9"})
    void reconnectWithinDelay_afterRestart_cancelsWill(String how) {
        Path dir = tmp.resolve("data");
        long delayMillis = 8_000;
        long droppedAt;
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            watchWillTopic(broker);
            droppedAt = connectAndDrop(broker, 600, delayMillis / 1000);
            restartWay(broker, how);
        }
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync");
                RawClient watch = RawClient.open(broker.port());
                RawClient w = RawClient.open(broker.port())) {
            assertThat(watch.connect(persistent("watch", 600)).sessionPresent()).isTrue();
            assertThat(w.connect(persistent("w", 600)).sessionPresent()).isTrue();
            long back = System.currentTimeMillis();
            assertThat(back).as("reconnected within the Will Delay Interval").isLessThan(droppedAt + delayMillis);
            watch.expectNothingFor(Duration.ofMillis(droppedAt + delayMillis + 2_000 - back));
            w.disconnect();
        }
    }

    /** A persistent subscriber to the will topic, offline when this returns. */
    private static void watchWillTopic(BrokerProcess broker) {
        try (RawClient watch = RawClient.open(broker.port())) {
            watch.connect(persistent("watch", 600));
            watch.subscribe("will/#", QoS.AT_LEAST_ONCE);
            watch.disconnect();
        }
    }

    /**
     * Connects client {@code w} with a persistent session and a delayed QoS 1 will, then closes
     * the socket without DISCONNECT; returns the wall time just before the close (the broker sees
     * the session go offline at or after it).
     */
    private static long connectAndDrop(BrokerProcess broker, long expirySeconds, long delaySeconds) {
        Connect connect = ConnectBuilder.v5("w").cleanStart(false).sessionExpiry(expirySeconds)
                .will(WILL_TOPIC, "gone", QoS.AT_LEAST_ONCE, false, delaySeconds).build();
        RawClient w = RawClient.open(broker.port());
        assertThat(w.connect(connect).sessionPresent()).isFalse();
        long droppedAt = System.currentTimeMillis();
        w.close();
        return droppedAt;
    }

    private static void restartWay(BrokerProcess broker, String how) {
        if (how.equals("stop")) {
            broker.stop();
        } else {
            broker.kill();
        }
    }

    /** Waits (bounded) for the will and checks it is the one of client {@code w}. */
    private static Publish awaitWill(RawClient watch) {
        Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO)
                .until(() -> watch.hasDataWithin(Duration.ofMillis(200)));
        Publish will = watch.receive();
        assertThat(will.topic()).isEqualTo(WILL_TOPIC);
        assertThat(will.payload().toUtf8String()).isEqualTo("gone");
        return will;
    }
}
