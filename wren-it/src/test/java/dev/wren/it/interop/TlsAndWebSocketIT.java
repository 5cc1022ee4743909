package dev.wren.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.TestCertificates;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS, WebSocket and secure WebSocket listeners, driven by independent clients: Paho v3
 * ({@code ssl://}, {@code ws://}, {@code wss://}), the HiveMQ client (WebSocket, MQTT 5),
 * mosquitto_pub/sub over TLS, and the JDK's WebSocket and HTTP clients for the transport rules
 * of MQTT 5.0 chapter 6. Every listener reaches the same broker: a message crosses transports.
 */
class TlsAndWebSocketIT {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> {
        Path certs = TestCertificates.dir();
        b.tlsPort(0).websocketPort(0).websocketSecurePort(0)
                .tlsCertFile(certs.resolve("server.crt").toString())
                .tlsKeyFile(certs.resolve("server.key").toString())
                .tlsCaFile(certs.resolve("ca.crt").toString());
    });

    private static int port(String listener) {
        InetSocketAddress a = broker.broker().listenerAddresses().get(listener);
        assertThat(a).as("listener %s is on", listener).isNotNull();
        return a.getPort();
    }

    private static String uri(String scheme) {
        return switch (scheme) {
            case "ssl" -> "ssl://127.0.0.1:" + port("mqtts");
            case "ws" -> "ws://127.0.0.1:" + port("ws") + "/mqtt";
            case "wss" -> "wss://127.0.0.1:" + port("wss") + "/mqtt";
            default -> throw new IllegalArgumentException(scheme);
        };
    }

    /** A message published over {@code scheme} reaches a subscriber on plain TCP, and back. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ssl", "ws", "wss"})
    void pahoV3_overEachTransport_roundTripsWithPlainTcp(String scheme) throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        if (!scheme.equals("ws")) {
            o.setSocketFactory(TestCertificates.trustingClientContext().getSocketFactory());
        }
        MqttClient other = new MqttClient(uri(scheme), "paho-" + scheme, new MemoryPersistence());
        MqttClient tcp = new MqttClient(broker.uri(), "tcp-" + scheme, new MemoryPersistence());
        try {
            other.connect(o);
            tcp.connect();
            BlockingQueue<String> atTcp = new LinkedBlockingQueue<>();
            BlockingQueue<String> atOther = new LinkedBlockingQueue<>();
            tcp.subscribe("x/" + scheme + "/up", 1, (t, m) -> atTcp.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            other.subscribe("x/" + scheme + "/down", 2,
                    (t, m) -> atOther.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            MqttMessage up = new MqttMessage(("from-" + scheme).getBytes(StandardCharsets.UTF_8));
            up.setQos(1);
            other.publish("x/" + scheme + "/up", up);
            byte[] big = new byte[200_000]; // larger than one WebSocket frame by default and than the TLS record size
            java.util.Arrays.fill(big, (byte) 'b');
            MqttMessage bigMessage = new MqttMessage(big);
            bigMessage.setQos(2);
            tcp.publish("x/" + scheme + "/down", bigMessage);
            assertThat(atTcp.poll(10, TimeUnit.SECONDS)).isEqualTo("from-" + scheme);
            assertThat(atOther.poll(10, TimeUnit.SECONDS)).hasSize(200_000);
            other.disconnect();
            tcp.disconnect();
        } finally {
            other.close();
            tcp.close();
        }
    }

    @Test
    void hiveMqV5_overWebSocketAndTls() throws Exception {
        Mqtt5BlockingClient ws = Mqtt5Client.builder().identifier("hive-ws").serverHost("127.0.0.1")
                .serverPort(port("ws")).webSocketConfig().serverPath("mqtt").applyWebSocketConfig().buildBlocking();
        Mqtt5BlockingClient tls = Mqtt5Client.builder().identifier("hive-tls").serverHost("127.0.0.1")
                .serverPort(port("mqtts")).sslConfig().trustManagerFactory(TestCertificates.trustManagerFactory()).applySslConfig()
                .buildBlocking();
        ws.connect();
        tls.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = tls.publishes(MqttGlobalPublishFilter.ALL)) {
            tls.subscribeWith().topicFilter("h/#").qos(MqttQos.EXACTLY_ONCE).send();
            ws.publishWith().topic("h/1").payload("over-ws".getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.EXACTLY_ONCE).send();
            Optional<Mqtt5Publish> got = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("over-ws");
        } finally {
            ws.disconnect();
            tls.disconnect();
        }
    }

    @Test
    void mosquittoClients_overTls_withAndWithoutClientCertificate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_pub")), "mosquitto-clients not installed");
        Path certs = TestCertificates.dir();
        String p = String.valueOf(port("mqtts"));
        long subscriptions = broker.broker().metrics().get(dev.wren.broker.metrics.Metric.SUBSCRIPTIONS_CURRENT);
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", p, "--cafile",
                certs.resolve("ca.crt").toString(), "-t", "m/tls", "-C", "1", "-W", "20").redirectErrorStream(true)
                .start();
        awaitSubscriptions(subscriptions + 1);
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", p, "--cafile",
                certs.resolve("ca.crt").toString(), "--cert", certs.resolve("client.crt").toString(), "--key",
                certs.resolve("client.key").toString(), "-t", "m/tls", "-m", "secure", "-q", "1")
                .redirectErrorStream(true).start();
        assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pub.exitValue()).as(new String(pub.getInputStream().readAllBytes())).isZero();
        assertThat(sub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo("secure");
    }

    /** [MQTT-6.0.0-4]: the server selects the subprotocol "mqtt" offered by the client. */
    @Test
    void webSocket_selectsMqttSubprotocol_andClosesOnTextFrame() throws Exception {
        BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("mqtt")
                .buildAsync(URI.create(uri("ws")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.add(statusCode);
                        return CompletableFuture.completedFuture(null);
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEqualTo("mqtt");
        // [MQTT-6.0.0-1]: MQTT packets travel in binary frames; a text frame closes the connection
        ws.sendText("CONNECT", true).get(10, TimeUnit.SECONDS);
        assertThat(closed.poll(10, TimeUnit.SECONDS)).isEqualTo(1003); // unsupported data
    }

    /** [MQTT-6.0.0-2]: a packet may span frames, and a frame may carry several packets. */
    @Test
    void webSocket_packetSplitAcrossFrames_andTwoPacketsInOneFrame() throws Exception {
        BlockingQueue<ByteBuffer> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("mqtt")
                .buildAsync(URI.create(uri("ws")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
                        received.add(copy);
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        // CONNECT (3.1.1, client id "s") split in two binary frames
        byte[] connect = {0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 1, 's'};
        ws.sendBinary(ByteBuffer.wrap(connect, 0, 5), true).get(10, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(connect, 5, connect.length - 5), true).get(10, TimeUnit.SECONDS);
        ByteBuffer connack = received.poll(10, TimeUnit.SECONDS);
        assertThat(connack).isNotNull();
        assertThat(connack.get(0)).isEqualTo((byte) 0x20);
        assertThat(connack.get(3)).as("CONNACK return code").isZero();
        // PINGREQ twice in one frame: two PINGRESPs
        ws.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 0xC0, 0, (byte) 0xC0, 0}), true).get(10, TimeUnit.SECONDS);
        int pingresps = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pingresps < 2 && System.nanoTime() < deadline) {
            ByteBuffer b = received.poll(1, TimeUnit.SECONDS);
            while (b != null && b.remaining() >= 2) {
                assertThat(b.get()).isEqualTo((byte) 0xD0);
                assertThat(b.get()).isZero();
                pingresps++;
            }
        }
        assertThat(pingresps).isEqualTo(2);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    void plainHttpRequests_get400_withAHintOffThePath() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> onPath = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port("ws") + "/mqtt")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onPath.statusCode()).as("no upgrade").isEqualTo(400);
        HttpResponse<String> elsewhere = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port("ws") + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("MQTT over WebSocket").contains("/mqtt");
    }

    /** Waits until the broker holds {@code n} subscriptions (mosquitto_sub starts in the background). */
    private static void awaitSubscriptions(long n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> broker.broker().metrics().get(dev.wren.broker.metrics.Metric.SUBSCRIPTIONS_CURRENT) >= n);
    }
}
