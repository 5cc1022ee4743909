package dev.wren.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Interoperability with mosquitto (Debian package), started on a free loopback port; skipped when absent. */
class MosquittoInteropIT {
    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final ReconnectPolicy FAST = new ReconnectPolicy(true, Duration.ofMillis(10), Duration.ofMillis(100), 2.0);

    @TempDir
    static Path dir;

    private static Process mosquitto;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "mosquitto is not installed");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n");
        mosquitto = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(MosquittoInteropIT::accepts);
    }

    private static boolean accepts() {
        try (MqttClient c = MqttClient.create(options("probe").reconnect(ReconnectPolicy.NEVER).build())) {
            c.connect();
            return true;
        } catch (MqttClientException e) {
            return false;
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static ClientOptionsBuilder options(String id) {
        return ClientOptions.builder().host("127.0.0.1").port(port).clientId(id).reconnect(FAST);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void pubSub_everyQos(MqttVersion version) throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        try (MqttClient sub = MqttClient.create(options("m-sub-" + version).version(version).build());
                MqttClient pub = MqttClient.create(options("m-pub-" + version).version(version).build())) {
            sub.onMessage(got::add);
            sub.connect();
            assertThat(sub.subscribe("m/" + version + "/#", QoS.EXACTLY_ONCE).allGranted()).isTrue();
            pub.connect();
            for (QoS q : QoS.values()) {
                pub.publish(Message.of("m/" + version + "/" + q, q.name()).withQos(q));
            }
            for (QoS q : QoS.values()) {
                Message m = got.poll(5, TimeUnit.SECONDS);
                assertThat(m).isNotNull();
                assertThat(m.payloadAsString()).isEqualTo(q.name());
            }
        }
    }

    @Test
    void connectionCut_qos2_eachMessageExactlyOnce() throws Exception {
        try (ChaosProxy proxy = new ChaosProxy(port);
                MqttClient sub = MqttClient.create(options("m-x-sub").port(proxy.port()).sessionExpiryInterval(300).build());
                MqttClient pub = MqttClient.create(options("m-x-pub").port(proxy.port()).sessionExpiryInterval(300).build())) {
            Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
            sub.onMessage(m -> seen.computeIfAbsent(m.payloadAsString(), k -> new AtomicInteger()).incrementAndGet());
            sub.connect();
            sub.subscribe("m/x/q2", QoS.EXACTLY_ONCE);
            pub.connect();
            List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
            int total = 300;
            for (int i = 0; i < total; i++) {
                acks.add(pub.publishAsync(Message.of("m/x/q2", "m" + i).withQos(QoS.EXACTLY_ONCE)));
                if (i % 100 == 50) {
                    proxy.cutAll();
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == total);
            assertThat(seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        }
    }
}
