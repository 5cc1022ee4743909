package dev.wren.it.limits;

import static dev.wren.it.limits.Clients.oneTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import dev.wren.broker.Broker;
import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.rocksdb.Durability;
import dev.wren.broker.persistence.rocksdb.RocksPersistence;
import dev.wren.broker.session.MemoryBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker-wide memory budget with a durable store (issue 5): offline persistent sessions
 * receive far more than the budget; their queues spill to the store, the budget gauge stays
 * within the budget plus the accounting slack, and after reconnecting (also after a restart)
 * every message arrives once, in order: QoS 1 and QoS 2 in the order published [MQTT-4.6.0-5],
 * QoS 2 exactly once (4.3.3), with the session resumed [MQTT-3.1.2-5].
 */
@Timeout(180)
class SpillIT {
    private static final long BUDGET = 64 * 1024;
    private static final int IO_THREADS = 2;
    private static final int PAYLOAD = 1024;
    private static final int MESSAGES = 1500;

    private Path dir;
    private Broker broker;
    private final List<AutoCloseable> closeMe = new ArrayList<>();

    @BeforeEach
    void dir() throws IOException {
        dir = Files.createTempDirectory("wren-spill-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        Clients.cleanUp(closeMe, broker, dir);
    }

    private Broker start() {
        broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").port(0).ioThreads(IO_THREADS)
                .memoryBudgetBytes(BUDGET).maintenanceIntervalMillis(100).maxQueuedMessages(100_000)
                .persistence(() -> RocksPersistence.open(dir, Durability.SYNC, Duration.ofSeconds(1), false))
                .build());
        return broker;
    }

    /**
     * How far the gauge may be above the budget: the chunks each accounting thread reserves
     * ({@link MemoryBudget#slack}), plus one message per thread for sessions on different loops
     * that check the budget at the same moment (event loops plus the thread that restores sessions).
     */
    private static long slack(MemoryBudget b) {
        int threads = IO_THREADS + 1;
        return b.slack(threads) + threads * (PAYLOAD + 64 + MemoryBudget.DELIVERY_OVERHEAD);
    }

    private Clients.Subscriber subscriber(String id, int qos) throws Exception {
        Clients.Subscriber s = new Clients.Subscriber("tcp://127.0.0.1:" + broker.port(), id);
        closeMe.add(s);
        s.connect();
        s.subscribe("spill/#", qos);
        s.disconnect();
        return s;
    }

    /** Publishes 1..n with QoS 1 from a HiveMQ client (many in flight), sampling the budget gauge meanwhile. */
    private long publishAll(int n) throws Exception {
        Mqtt5AsyncClient pub = Mqtt5Client.builder().identifier("pub").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        pub.connect().get(10, TimeUnit.SECONDS);
        AtomicLong max = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (sampling.get()) {
                max.accumulateAndGet(broker.metrics().get(Metric.MEMORY_BUDGET_USED), Math::max);
                Thread.onSpinWait();
            }
        });
        try {
            List<CompletableFuture<Mqtt5PublishResult>> acks = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                acks.add(pub.publishWith().topic("spill/t").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(Clients.payload(i, PAYLOAD)).send());
            }
            for (CompletableFuture<Mqtt5PublishResult> a : acks) {
                Mqtt5PublishResult r = a.get(60, TimeUnit.SECONDS);
                assertThat(r.getError()).isEmpty();
            }
        } finally {
            sampling.set(false);
            sampler.join();
            pub.disconnect().get(10, TimeUnit.SECONDS);
        }
        return max.get();
    }

    @Test
    void offlineSessionsReceiveFarMoreThanTheBudget_spilled_allDeliveredInOrderOnce() throws Exception {
        start();
        Clients.Subscriber q1 = subscriber("sub-q1", 1);
        Clients.Subscriber q2 = subscriber("sub-q2", 2);

        long maxUsed = publishAll(MESSAGES);

        // 2 sessions x 1500 x 1 KiB = ~3 MB queued against a 64 KiB budget
        MemoryBudget budget = broker.memoryBudget();
        assertThat(maxUsed).as("budget gauge during the publish").isLessThanOrEqualTo(BUDGET + slack(budget));
        assertThat(broker.metrics().get(Metric.QUEUES_SPILLED)).isGreaterThanOrEqualTo(2);
        assertThat(broker.metrics().get(Metric.SPILLED_DELIVERIES)).isGreaterThan(2L * MESSAGES - 2 * BUDGET / PAYLOAD);
        assertThat(broker.metrics().get(Metric.PUBLISH_REFUSED_MEMORY_BUDGET)).isZero();

        assertThat(q1.connect()).isTrue();
        assertThat(q1.take(MESSAGES)).isEqualTo(oneTo(MESSAGES));
        assertThat(q2.connect()).isTrue();
        assertThat(q2.take(MESSAGES)).isEqualTo(oneTo(MESSAGES)); // exactly once: no duplicates, none missing
        Thread.sleep(500);
        assertThat(q1.received).isEmpty();
        assertThat(q2.received).isEmpty();
        assertThat(broker.metrics().get(Metric.DELIVERIES_PAGED_IN)).isPositive();
        assertThat(broker.metrics().get(Metric.SPILLED_DELIVERIES)).isZero();
        assertThat(broker.metrics().droppedTotal()).isZero();
    }

    @Test
    void restartWithSpilledQueues_allDeliveredInOrderOnce() throws Exception {
        start();
        Clients.Subscriber q1 = subscriber("sub-q1", 1);
        Clients.Subscriber q2 = subscriber("sub-q2", 2);
        publishAll(MESSAGES);
        assertThat(broker.metrics().get(Metric.SPILLED_DELIVERIES)).isPositive();
        broker.close();
        broker = null;

        start();
        // the restored queues are spilled again as soon as they pass the budget
        assertThat(broker.metrics().get(Metric.QUEUES_SPILLED)).isGreaterThanOrEqualTo(2);
        assertThat(broker.memoryBudget().used()).isLessThanOrEqualTo(BUDGET + slack(broker.memoryBudget()));
        Clients.Subscriber q1b = new Clients.Subscriber("tcp://127.0.0.1:" + broker.port(), "sub-q1");
        Clients.Subscriber q2b = new Clients.Subscriber("tcp://127.0.0.1:" + broker.port(), "sub-q2");
        closeMe.add(q1b);
        closeMe.add(q2b);
        assertThat(q1b.connect()).isTrue();
        assertThat(q2b.connect()).isTrue();
        assertThat(q1b.take(MESSAGES)).isEqualTo(oneTo(MESSAGES));
        assertThat(q2b.take(MESSAGES)).isEqualTo(oneTo(MESSAGES));
        Thread.sleep(500);
        assertThat(q1b.received).isEmpty();
        assertThat(q2b.received).isEmpty();
    }
}
