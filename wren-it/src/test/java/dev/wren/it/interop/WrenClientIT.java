package dev.wren.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.client.ClientOptions;
import dev.wren.client.ClientOptionsBuilder;
import dev.wren.client.ConnectResult;
import dev.wren.client.Message;
import dev.wren.client.MqttClient;
import dev.wren.client.ReconnectPolicy;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.UserProperty;
import dev.wren.it.kit.BrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our own client library ({@code wren-client}) against the in-process broker over loopback. */
@Timeout(60)
class WrenClientIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    private ClientOptionsBuilder options(String id) {
        return ClientOptions.builder().host("127.0.0.1").port(broker.port()).clientId(id)
                .reconnect(ReconnectPolicy.NEVER).connectTimeout(Duration.ofSeconds(10));
    }

    private MqttClient client(ClientOptionsBuilder b) {
        return broker.track(MqttClient.create(b.build()));
    }

    private static Message take(BlockingQueue<Message> q) throws InterruptedException {
        Message m = q.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("message within 10 s").isNotNull();
        return m;
    }

    @ParameterizedTest(name = "QoS {0}, {1}")
    @CsvSource({"AT_MOST_ONCE, V5", "AT_LEAST_ONCE, V5", "EXACTLY_ONCE, V5", "AT_MOST_ONCE, V3_1_1",
        "AT_LEAST_ONCE, V3_1_1", "EXACTLY_ONCE, V3_1_1", "AT_LEAST_ONCE, V3_1"})
    @DisplayName("[interop] wren-client publish/subscribe round trip")
    void roundTrip(QoS qos, MqttVersion version) throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        MqttClient sub = client(options("w-sub").version(version));
        sub.onMessage(got::add);
        sub.connect();
        assertThat(sub.subscribe("wren/rt", qos).allGranted()).isTrue();
        MqttClient pub = client(options("w-pub").version(version));
        pub.connect();
        pub.publish(Message.of("wren/rt", "hi").withQos(qos));
        Message m = take(got);
        assertThat(m.payloadAsString()).isEqualTo("hi");
        assertThat(m.qos()).isEqualTo(qos);
    }

    @Test
    @DisplayName("[MQTT-3.1.3-7] wren-client with an empty client id gets the server-assigned one")
    void assignedClientId() {
        MqttClient c = client(options(""));
        ConnectResult r = c.connect();
        assertThat(r.clientId()).isNotEmpty();
        assertThat(c.clientId()).isEqualTo(r.clientId());
    }

    @Test
    @DisplayName("[MQTT-3.3.2-15..18] wren-client request/response: correlation data and user properties round trip")
    void requestResponse() throws Exception {
        MqttClient service = client(options("w-svc"));
        service.onMessage(req -> service.publishAsync(Message.of(req.properties().responseTopic(), "pong:" + req.payloadAsString())
                .withResponse(null, req.properties().correlationData())
                .withUserProperties(req.properties().userProperties())));
        service.connect();
        service.subscribe("svc/ping", QoS.AT_LEAST_ONCE);
        MqttClient caller = client(options("w-caller"));
        caller.connect();
        CompletableFuture<Message> reply = caller.requestAsync(Message.of("svc/ping", "1")
                .withResponse("svc/reply/w-caller", Binary.utf8("corr-1"))
                .withUserProperties(List.of(new UserProperty("trace", "abc"))), Duration.ofSeconds(10));
        Message r = reply.get(15, TimeUnit.SECONDS);
        assertThat(r.payloadAsString()).isEqualTo("pong:1");
        assertThat(r.properties().userProperties()).containsExactly(new UserProperty("trace", "abc"));
    }

    @Test
    @DisplayName("[interop] wren-client: 1000 QoS 2 messages arrive exactly once and in order")
    void manyQos2() throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        MqttClient sub = client(options("w-sub"));
        sub.onMessage(got::add);
        sub.connect();
        sub.subscribe("wren/many", QoS.EXACTLY_ONCE);
        MqttClient pub = client(options("w-pub"));
        pub.connect();
        int n = 1000;
        List<CompletableFuture<?>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(pub.publishAsync(Message.of("wren/many", String.valueOf(i)).withQos(QoS.EXACTLY_ONCE)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (int i = 0; i < n; i++) {
            assertThat(take(got).payloadAsString()).isEqualTo(String.valueOf(i));
        }
        assertThat(got.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    @DisplayName("[interop] wren-client: persistent session resumed after disconnect receives what was published meanwhile")
    void persistentSession() throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        MqttClient sub = client(options("w-persist").cleanStart(false).sessionExpiryInterval(300));
        sub.onMessage(got::add);
        sub.connect();
        sub.subscribe("wren/off", QoS.AT_LEAST_ONCE);
        sub.disconnect();
        MqttClient pub = client(options("w-pub"));
        pub.connect();
        pub.publish(Message.of("wren/off", "queued").withQos(QoS.AT_LEAST_ONCE));
        MqttClient again = client(options("w-persist").cleanStart(false).sessionExpiryInterval(300));
        again.onMessage(got::add);
        assertThat(again.connect().sessionPresent()).isTrue();
        assertThat(take(got).payloadAsString()).isEqualTo("queued");
    }
}
