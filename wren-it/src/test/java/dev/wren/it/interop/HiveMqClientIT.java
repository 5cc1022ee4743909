package dev.wren.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import dev.wren.it.kit.BrokerExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Interoperability with the HiveMQ MQTT Client 1.3 (MQTT 5 and 3, blocking and async APIs). */
@Timeout(60)
class HiveMqClientIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    private Mqtt5BlockingClient v5(String id) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        broker.track(() -> {
            if (c.getState().isConnected()) {
                c.disconnect();
            }
        });
        return c;
    }

    private Mqtt3BlockingClient v3(String id) {
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        broker.track(() -> {
            if (c.getState().isConnected()) {
                c.disconnect();
            }
        });
        return c;
    }

    private static String text(Mqtt5Publish p) {
        return StandardCharsets.UTF_8.decode(p.getPayload().orElse(ByteBuffer.allocate(0))).toString();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttQos.class)
    @DisplayName("[interop] HiveMQ Mqtt5BlockingClient round trip at QoS 0, 1, 2")
    void v5RoundTrip(MqttQos qos) throws Exception {
        Mqtt5BlockingClient sub = v5("h5-sub");
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("hive5/rt").qos(qos).send();
            Mqtt5BlockingClient pub = v5("h5-pub");
            pub.connect();
            pub.publishWith().topic("hive5/rt").qos(qos).payload("hi".getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt5Publish> got = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(text(got.get())).isEqualTo("hi");
            assertThat(got.get().getQos()).isEqualTo(qos);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttQos.class)
    @DisplayName("[interop] HiveMQ Mqtt3BlockingClient round trip at QoS 0, 1, 2")
    void v3RoundTrip(MqttQos qos) throws Exception {
        Mqtt3BlockingClient sub = v3("h3-sub");
        sub.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("hive3/rt").qos(qos).send();
            Mqtt3BlockingClient pub = v3("h3-pub");
            pub.connect();
            pub.publishWith().topic("hive3/rt").qos(qos).payload("hi".getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt3Publish> got = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hi");
            assertThat(got.get().getQos()).isEqualTo(qos);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-4][MQTT-3.3.2-15..20] HiveMQ v5: properties forwarded unchanged and in order")
    void v5Properties() throws Exception {
        Mqtt5BlockingClient sub = v5("h5-sub");
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("hive5/props").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient pub = v5("h5-pub");
            pub.connect();
            pub.publishWith().topic("hive5/props").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{}".getBytes(StandardCharsets.UTF_8))
                    .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                    .contentType("application/json")
                    .responseTopic("hive5/reply")
                    .correlationData("abc".getBytes(StandardCharsets.UTF_8))
                    .userProperties().add("k", "v1").add("a", "b").add("k", "v2").applyUserProperties()
                    .send();
            Mqtt5Publish p = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(p.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
            assertThat(p.getContentType().map(Object::toString)).contains("application/json");
            assertThat(p.getResponseTopic().map(Object::toString)).contains("hive5/reply");
            assertThat(p.getCorrelationData().map(b -> StandardCharsets.UTF_8.decode(b).toString())).contains("abc");
            assertThat(p.getUserProperties().asList()).extracting(u -> u.getName() + "=" + u.getValue())
                    .containsExactly("k=v1", "a=b", "k=v2");
        }
    }

    @Test
    @DisplayName("[interop] HiveMQ v5: retained message and will")
    void v5RetainedAndWill() throws Exception {
        Mqtt5BlockingClient pub = v5("h5-pub");
        pub.connect();
        pub.publishWith().topic("hive5/ret").retain(true).qos(MqttQos.AT_LEAST_ONCE).payload("kept".getBytes(StandardCharsets.UTF_8)).send();
        Mqtt5BlockingClient sub = v5("h5-sub");
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("hive5/#").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish r = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(text(r)).isEqualTo("kept");
            assertThat(r.isRetain()).isTrue();

            Mqtt5AsyncClient dying = Mqtt5Client.builder().identifier("h5-dying").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildAsync();
            dying.connectWith().willPublish().topic("hive5/will").payload("gone".getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE).applyWillPublish().send().get(10, TimeUnit.SECONDS);
            // DISCONNECT 0x04: "disconnect with will message"
            dying.disconnectWith().reasonCode(com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                    .send().get(10, TimeUnit.SECONDS);
            Mqtt5Publish w = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(w.getTopic().toString()).isEqualTo("hive5/will");
            assertThat(text(w)).isEqualTo("gone");
        }
    }

    @Test
    @DisplayName("[interop] HiveMQ v5: session resumption delivers QoS 1 messages published while offline")
    void v5PersistentSession() throws Exception {
        Mqtt5BlockingClient sub = v5("h5-persist");
        sub.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
        sub.subscribeWith().topicFilter("hive5/off").qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();
        Mqtt5BlockingClient pub = v5("h5-pub");
        pub.connect();
        pub.publishWith().topic("hive5/off").qos(MqttQos.AT_LEAST_ONCE).payload("later".getBytes(StandardCharsets.UTF_8)).send();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt5ConnAck ack = sub.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
            assertThat(ack.isSessionPresent()).isTrue();
            assertThat(text(publishes.receive(10, TimeUnit.SECONDS).orElseThrow())).isEqualTo("later");
        }
    }

    @Test
    @DisplayName("[interop] HiveMQ async v5: 500 QoS 2 messages arrive exactly once and in order")
    void v5AsyncManyQos2() throws Exception {
        Mqtt5AsyncClient sub = Mqtt5Client.builder().identifier("h5-async-sub").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        broker.track(() -> sub.disconnect().get(5, TimeUnit.SECONDS));
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        sub.connect().get(10, TimeUnit.SECONDS);
        sub.subscribeWith().topicFilter("hive5/many").qos(MqttQos.EXACTLY_ONCE)
                .callback(p -> got.add(text(p))).send().get(10, TimeUnit.SECONDS);
        Mqtt5AsyncClient pub = Mqtt5Client.builder().identifier("h5-async-pub").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildAsync();
        broker.track(() -> pub.disconnect().get(5, TimeUnit.SECONDS));
        pub.connect().get(10, TimeUnit.SECONDS);
        int n = 500;
        List<java.util.concurrent.CompletableFuture<?>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(pub.publishWith().topic("hive5/many").qos(MqttQos.EXACTLY_ONCE)
                    .payload(String.valueOf(i).getBytes(StandardCharsets.UTF_8)).send());
        }
        java.util.concurrent.CompletableFuture.allOf(sent.toArray(java.util.concurrent.CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (int i = 0; i < n; i++) {
            String s = got.poll(10, TimeUnit.SECONDS);
            assertThat(s).as("message %d", i).isEqualTo(String.valueOf(i));
        }
        assertThat(got.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
}
