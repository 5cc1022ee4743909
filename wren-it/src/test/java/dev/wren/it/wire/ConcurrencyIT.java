package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients at once: no loss, no duplicates, per-publisher order kept. */
@Timeout(60)
class ConcurrencyIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    @Test
    @DisplayName("[MQTT-4.6.0-5](5.0) [MQTT-4.6.0-6](3.1.1) 20 concurrent QoS 1 publishers x 100 messages reach a wildcard subscriber once each, in per-publisher order")
    void concurrentPublishers_noLossNoDupOrdered() throws Exception {
        RawClient sub = broker.rawClient();
        sub.connect(dev.wren.it.kit.ConnectBuilder.v5("sub").build());
        sub.subscribe("cc/#", QoS.AT_LEAST_ONCE);
        int publishers = 20;
        int perPublisher = 100;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int id = p;
                done.add(pool.submit(() -> {
                    try (RawClient pub = RawClient.open(broker.port())) {
                        pub.connectOk(id % 2 == 0 ? MqttVersion.V5 : MqttVersion.V3_1_1, "pub" + id);
                        for (int i = 0; i < perPublisher; i++) {
                            pub.publish(Packets.publish("cc/" + id, id + ":" + i, QoS.AT_LEAST_ONCE, 0));
                        }
                    }
                    return null;
                }));
            }
            Map<Integer, Integer> next = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (int n = 0; n < publishers * perPublisher; n++) {
                Publish m = sub.receive();
                String[] parts = m.payload().toUtf8String().split(":");
                int pubId = Integer.parseInt(parts[0]);
                int seq = Integer.parseInt(parts[1]);
                assertThat(seen.add(m.payload().toUtf8String())).as("duplicate %s", m.payload().toUtf8String()).isTrue();
                assertThat(seq).as("order of publisher %d", pubId).isEqualTo(next.getOrDefault(pubId, 0));
                next.put(pubId, seq + 1);
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            sub.expectNothingFor(Duration.ofMillis(300));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-3][MQTT-3.10.4-2] subscribe/unsubscribe churn by many clients while publishing leaves exact routing behind")
    void subscribeChurn_whilePublishing() throws Exception {
        int churners = 8;
        ExecutorService pool = Executors.newFixedThreadPool(churners + 1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < churners; c++) {
                int id = c;
                done.add(pool.submit(() -> {
                    try (RawClient cl = RawClient.open(broker.port())) {
                        cl.connectOk(MqttVersion.V5, "churn" + id);
                        for (int i = 0; i < 50; i++) {
                            cl.subscribe("churn/" + (i % 5) + "/#", QoS.AT_MOST_ONCE);
                            cl.unsubscribe("churn/" + (i % 5) + "/#");
                        }
                        while (cl.hasData()) { // deliveries that raced with the unsubscribes
                            cl.read();
                        }
                    }
                    return null;
                }));
            }
            done.add(pool.submit(() -> {
                try (RawClient pub = RawClient.open(broker.port())) {
                    pub.connectOk(MqttVersion.V5, "churn-pub");
                    for (int i = 0; i < 500; i++) {
                        pub.publish("churn/" + (i % 5) + "/x", "m", QoS.AT_MOST_ONCE);
                    }
                }
                return null;
            }));
            for (Future<?> f : done) {
                f.get(40, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        RawClient sub = broker.connected(MqttVersion.V5, "after");
        sub.subscribe("churn/1/#", QoS.AT_MOST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "after-pub");
        pub.publish("churn/1/x", "one", QoS.AT_MOST_ONCE);
        pub.publish("churn/2/x", "two", QoS.AT_MOST_ONCE);
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("one");
        sub.expectNothingFor(Duration.ofMillis(300));
        assertThat(broker.broker().metrics().get(dev.wren.broker.metrics.Metric.SUBSCRIPTIONS_CURRENT))
                .as("only the last subscription is left").isEqualTo(1);
    }

    @Test
    @DisplayName("[MQTT-3.1.4-3] 10 simultaneous CONNECTs with one client id leave exactly one live connection; the others get 0x8E or are closed")
    void takeoverStorm_exactlyOneSurvivor() throws Exception {
        int n = 10;
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(broker.track(RawClient.open(broker.port())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> connects = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (RawClient c : clients) {
                connects.add(pool.submit(() -> {
                    go.await();
                    c.send(dev.wren.it.kit.ConnectBuilder.v5("storm").build());
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : connects) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int alive = 0;
        for (RawClient c : clients) {
            dev.wren.codec.packet.MqttPacket first = c.read();
            assertThat(first).isInstanceOf(dev.wren.codec.packet.ConnAck.class);
            if (c.hasDataWithin(Duration.ofMillis(500))) {
                c.expectDisconnect(dev.wren.codec.ReasonCode.SESSION_TAKEN_OVER);
            } else {
                assertThat(c.isClosedByServer(Duration.ofMillis(1))).as("closed without DISCONNECT 0x8E").isFalse();
                alive++;
            }
        }
        assertThat(alive).as("connections still open").isEqualTo(1);
        assertThat(broker.broker().metrics().get(dev.wren.broker.metrics.Metric.SESSIONS_CURRENT)).isEqualTo(1);
    }

    @Test
    @DisplayName("[4.8.2] 5 shared-subscription members and 4 concurrent publishers: every message delivered exactly once")
    void sharedGroup_concurrentPublishers_exactlyOnce() throws Exception {
        List<RawClient> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawClient m = broker.connected(MqttVersion.V5, "m" + i);
            m.subscribe("$share/g/sg/#", QoS.AT_LEAST_ONCE);
            members.add(m);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int perPublisher = 100;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                int id = p;
                done.add(pool.submit(() -> {
                    try (RawClient pub = RawClient.open(broker.port())) {
                        pub.connectOk(MqttVersion.V5, "sp" + id);
                        for (int i = 0; i < perPublisher; i++) {
                            pub.publish("sg/" + id, id + ":" + i, QoS.AT_LEAST_ONCE);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (RawClient m : members) {
            while (m.hasDataWithin(Duration.ofMillis(500))) {
                String payload = m.receive().payload().toUtf8String();
                assertThat(seen.add(payload)).as("duplicate %s", payload).isTrue();
                total++;
            }
        }
        assertThat(total).isEqualTo(4 * perPublisher);
    }
}
