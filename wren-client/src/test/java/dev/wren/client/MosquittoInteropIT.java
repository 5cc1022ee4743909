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
    private static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "mosquitto is not installed");
        port = freePort();
        String tls = "";
        if (Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            tlsPort = freePort();
            TestCertificates.create(dir);
            tls = "listener " + tlsPort + " 127.0.0.1\ncafile " + dir.resolve("ca.crt") + "\ncertfile "
                    + dir.resolve("server.crt") + "\nkeyfile " + dir.resolve("server.key") + "\n";
        }
        Path conf = dir.resolve("mosquitto.conf");
        // Started as root, mosquitto drops to its own user and could not read the temp dir's certificates.
        String user = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        Files.writeString(conf, user + "allow_anonymous true\nmax_queued_messages 0\nlistener " + port + " 127.0.0.1\n" + tls);
        mosquitto = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(MosquittoInteropIT::accepts);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
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
    void tls_trustedCa_pubSubWorks() throws Exception {
        Assumptions.assumeTrue(tlsPort > 0, "openssl is not installed");
        var ctx = io.netty.handler.ssl.SslContextBuilder.forClient().trustManager(dir.resolve("ca.crt").toFile()).build();
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        try (MqttClient c = MqttClient.create(options("m-tls").port(tlsPort).transport(Transport.tls(ctx)).build())) {
            c.onMessage(got::add);
            c.connect();
            c.subscribe("tls/t", QoS.AT_LEAST_ONCE);
            c.publish(Message.of("tls/t", "secret").withQos(QoS.AT_LEAST_ONCE));
            assertThat(got.poll(5, TimeUnit.SECONDS)).extracting(Message::payloadAsString).isEqualTo("secret");
        }
    }

    @Test
    void tls_untrustedServer_connectFails() {
        Assumptions.assumeTrue(tlsPort > 0, "openssl is not installed");
        try (MqttClient c = MqttClient.create(options("m-tls-bad").port(tlsPort).reconnect(ReconnectPolicy.NEVER)
                .transport(Transport.tls(io.netty.handler.ssl.SslContextBuilder.forClient().build())).build())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(c::connect).isInstanceOf(MqttClientException.class);
        } catch (javax.net.ssl.SSLException e) {
            throw new AssertionError(e);
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
