package dev.wren.it.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.wren.broker.Broker;
import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.RetainedPersistence;
import dev.wren.broker.persistence.SessionStore;
import dev.wren.broker.persistence.StoredState;
import dev.wren.broker.persistence.rocksdb.Durability;
import dev.wren.broker.persistence.rocksdb.RocksPersistence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The disk quota of the durable store (issue 5): once the store is larger than
 * {@code persistence.max-disk-bytes} (checked periodically), new QoS 1/2 PUBLISHes that need the
 * store (a persistent subscriber, a retained message) are refused with PUBACK/PUBREC 0x97 Quota
 * exceeded (MQTT 5.0 3.4.2.1 / 3.5.2.1; [MQTT-3.4.2-1] [MQTT-3.5.2-1]), counted, logged; MQTT
 * 3.1.1 publishers have their connection closed without an acknowledgement. QoS 0, and QoS 1/2
 * that only reach clean sessions, still flow (nothing is stored). Below the quota again,
 * PUBLISHes are accepted and stored as before.
 */
@Timeout(60)
class DiskQuotaIT {
    private Path dir;
    private Broker broker;
    private final List<AutoCloseable> closeMe = new ArrayList<>();

    @BeforeEach
    void dir() throws IOException {
        dir = Files.createTempDirectory("wren-quota-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        Clients.cleanUp(closeMe, broker, dir);
    }

    private Broker start(long maxDiskBytes, java.util.function.Supplier<Persistence> persistence) {
        broker = Broker.start(BrokerConfig.builder().host("127.0.0.1").port(0).maxDiskBytes(maxDiskBytes)
                .minFreeDiskBytes(0).diskCheckIntervalMillis(50).persistence(persistence).build());
        return broker;
    }

    private RocksPersistence rocks() {
        return RocksPersistence.open(dir, Durability.SYNC, Duration.ofSeconds(1), false);
    }

    @Test
    void storeAboveItsQuota_qos1And2Refused0x97_qos0Flows_v3Closed() throws Exception {
        start(1, this::rocks); // a store with anything in it is larger than one byte
        Clients.Subscriber sub = new Clients.Subscriber("tcp://127.0.0.1:" + broker.port(), "sub");
        closeMe.add(sub);
        sub.connect(); // its session and subscription are written to the store
        sub.subscribe("quota/#", 1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> broker.diskQuota().reached());
        assertThat(broker.metrics().get(Metric.STORE_QUOTA_REACHED)).isEqualTo(1);
        assertThat(broker.metrics().get(Metric.STORE_DISK_BYTES)).isPositive();

        Mqtt5BlockingClient pub = Clients.hivePublisher(broker.port(), "pub5");
        closeMe.add(pub::disconnect);
        assertThat(Clients.publish(pub, "quota/t", Clients.payload(1, 100), MqttQos.AT_LEAST_ONCE)).isEqualTo(0x97);
        assertThat(Clients.publish(pub, "quota/t", Clients.payload(2, 100), MqttQos.EXACTLY_ONCE)).isEqualTo(0x97);
        assertThat(broker.metrics().get(Metric.PUBLISH_REFUSED_DISK_QUOTA)).isEqualTo(2);
        Clients.publish(pub, "quota/t", Clients.payload(3, 100), MqttQos.AT_MOST_ONCE);
        assertThat(sub.take(1)).containsExactly(3); // the refused ones were not delivered

        // a message for clean sessions only needs no store: accepted; a retained one does: refused
        Mqtt5BlockingClient clean = Mqtt5Client.builder().identifier("clean").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        clean.connect();
        closeMe.add(clean::disconnect);
        clean.subscribeWith().topicFilter("clean/#").qos(MqttQos.EXACTLY_ONCE).send();
        try (Mqtt5BlockingClient.Mqtt5Publishes got = clean.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(Clients.publish(pub, "clean/t", Clients.payload(5, 10), MqttQos.AT_LEAST_ONCE)).isZero();
            assertThat(Clients.publish(pub, "clean/t", Clients.payload(6, 10), MqttQos.EXACTLY_ONCE)).isZero();
            assertThat(Clients.number(got.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes())).isEqualTo(5);
            assertThat(Clients.number(got.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes())).isEqualTo(6);
        }
        assertThatThrownBy(() -> pub.publishWith().topic("clean/r").qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload(Clients.payload(7, 10)).send())
                .isInstanceOfSatisfying(Mqtt5PubAckException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode().getCode()).isEqualTo(0x97));
        assertThat(broker.metrics().get(Metric.PUBLISH_REFUSED_DISK_QUOTA)).isEqualTo(3);

        MqttClient v3 = new MqttClient("tcp://127.0.0.1:" + broker.port(), "pub3", new MemoryPersistence());
        closeMe.add(v3::close);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        v3.connect(o);
        assertThatThrownBy(() -> v3.publish("quota/t", Clients.payload(4, 10), 1, false))
                .isInstanceOf(MqttException.class);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !v3.isConnected());
        assertThat(broker.metrics().get(Metric.PUBLISH_REFUSED_DISK_QUOTA)).isEqualTo(4);
        assertThat(sub.received.poll()).isNull();
    }

    /** The RocksDB store with extra bytes on top of its real size: the test's way to fill and free the disk. */
    static final class Sized implements Persistence {
        final RocksPersistence store;
        final AtomicLong extra;

        Sized(RocksPersistence store, AtomicLong extra) {
            this.store = store;
            this.extra = extra;
        }

        @Override
        public SessionStore sessions() {
            return store.sessions();
        }

        @Override
        public MessageStore messages() {
            return store.messages();
        }

        @Override
        public RetainedPersistence retained() {
            return store.retained();
        }

        @Override
        public boolean restoresWills() {
            return store.restoresWills();
        }

        @Override
        public long diskBytes() {
            return store.diskBytes() + extra.get();
        }

        @Override
        public long usableDiskBytes() {
            return store.usableDiskBytes();
        }

        @Override
        public StoredState load() {
            return store.load();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    @Test
    void quotaReachedThenFreed_refusedThenAcceptedAgain_nothingAcceptedLost() throws Exception {
        AtomicLong extra = new AtomicLong();
        start(64L << 20, () -> new Sized(rocks(), extra));
        Clients.Subscriber sub = new Clients.Subscriber("tcp://127.0.0.1:" + broker.port(), "sub");
        closeMe.add(sub);
        sub.connect();
        sub.subscribe("quota/#", 2);
        sub.disconnect(); // persistent and offline: every QoS 1/2 message for it must be stored

        Mqtt5BlockingClient pub = Clients.hivePublisher(broker.port(), "pub5");
        closeMe.add(pub::disconnect);
        assertThat(Clients.publish(pub, "quota/t", Clients.payload(1, 100), MqttQos.AT_LEAST_ONCE)).isZero();

        extra.set(128L << 20); // the disk fills up
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> broker.diskQuota().reached());
        assertThat(Clients.publish(pub, "quota/t", Clients.payload(2, 100), MqttQos.AT_LEAST_ONCE)).isEqualTo(0x97);
        assertThat(Clients.publish(pub, "quota/t", Clients.payload(3, 100), MqttQos.EXACTLY_ONCE)).isEqualTo(0x97);

        extra.set(0); // space freed
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !broker.diskQuota().reached());
        assertThat(broker.metrics().get(Metric.STORE_QUOTA_REACHED)).isZero();
        assertThat(Clients.publish(pub, "quota/t", Clients.payload(4, 100), MqttQos.AT_LEAST_ONCE)).isZero();
        assertThat(Clients.publish(pub, "quota/t", Clients.payload(5, 100), MqttQos.EXACTLY_ONCE)).isZero();
        assertThat(broker.metrics().get(Metric.PUBLISH_REFUSED_DISK_QUOTA)).isEqualTo(2);

        sub.connect();
        assertThat(sub.take(3)).containsExactly(1, 4, 5);
        Thread.sleep(300);
        assertThat(sub.received.poll()).isNull();
    }
}
