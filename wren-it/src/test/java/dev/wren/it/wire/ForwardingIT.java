package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 PUBLISH properties on the way through the broker, and Message Expiry. */
@Timeout(30)
class ForwardingIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maintenanceIntervalMillis(0));

    @Test
    @DisplayName("[MQTT-3.3.2-4][MQTT-3.3.2-15..20] payload format, content type, response topic, correlation data and user properties are forwarded unchanged and in order")
    void properties_forwardedUnchanged() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe("fw/t", QoS.AT_LEAST_ONCE);
        List<UserProperty> users = List.of(new UserProperty("b", "2"), new UserProperty("a", "1"),
                new UserProperty("b", "2"), new UserProperty("ü", "日本"));
        PublishProperties props = new PublishProperties(true, -1, "application/json", "fw/reply",
                Binary.wrap(new byte[] {0, 1, 2, (byte) 0xFF}), users);
        broker.connected(MqttVersion.V5, "pub")
                .publish(Packets.publish("fw/t", "{}", QoS.AT_LEAST_ONCE, 1, props));
        Publish p = sub.receive();
        assertThat(p.properties().payloadUtf8()).isTrue();
        assertThat(p.properties().contentType()).isEqualTo("application/json");
        assertThat(p.properties().responseTopic()).isEqualTo("fw/reply");
        assertThat(p.properties().correlationData()).isEqualTo(Binary.wrap(new byte[] {0, 1, 2, (byte) 0xFF}));
        assertThat(p.properties().userProperties()).containsExactlyElementsOf(users);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-5] v5: a queued message whose Message Expiry Interval passed is not delivered")
    void messageExpiry_queuedExpired_dropped() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("off").cleanStart(false).sessionExpiry(3600).build());
        sub.subscribe("mx/t", QoS.AT_LEAST_ONCE);
        sub.disconnect();
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        pub.publish(Packets.publish("mx/t", "short", QoS.AT_LEAST_ONCE, 1, Packets.expiry(5)));
        pub.publish(Packets.publish("mx/t", "long", QoS.AT_LEAST_ONCE, 2, Packets.expiry(100)));
        broker.clock().advance(Duration.ofSeconds(10));
        broker.broker().runMaintenance();
        RawClient back = broker.rawClient();
        back.connect(ConnectBuilder.v5("off").cleanStart(false).sessionExpiry(3600).build());
        Publish p = back.receive();
        assertThat(p.payload().toUtf8String()).isEqualTo("long");
        back.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-6] v5: a queued message is forwarded with its Message Expiry Interval minus the time it waited")
    void messageExpiry_forwarded_decremented() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("off").cleanStart(false).sessionExpiry(3600).build());
        sub.subscribe("mx/t", QoS.AT_LEAST_ONCE);
        sub.disconnect();
        broker.connected(MqttVersion.V5, "pub")
                .publish(Packets.publish("mx/t", "m", QoS.AT_LEAST_ONCE, 1, Packets.expiry(100)));
        broker.clock().advance(Duration.ofSeconds(30));
        RawClient back = broker.rawClient();
        back.connect(ConnectBuilder.v5("off").cleanStart(false).sessionExpiry(3600).build());
        assertThat(back.receive().properties().messageExpiryInterval()).isBetween(69L, 70L);
    }

    @Test
    @DisplayName("[3.3.2.3.2] v5: a message without Message Expiry Interval is forwarded without one")
    void messageExpiry_absent_staysAbsent() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe("mx/none", QoS.AT_MOST_ONCE);
        broker.connected(MqttVersion.V5, "pub").publish("mx/none", "m", QoS.AT_MOST_ONCE);
        assertThat(sub.receive().properties().hasMessageExpiry()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-4.5.0-1] a message from a 3.1.1 publisher reaches a v5 subscriber and back")
    void crossVersion_delivery() {
        RawClient v5 = broker.rawClient();
        v5.connectOk(MqttVersion.V5, "v5");
        v5.subscribe("xv/#", QoS.AT_LEAST_ONCE);
        RawClient v3 = broker.rawClient();
        v3.connectOk(MqttVersion.V3_1_1, "v3");
        v3.subscribe("xv/#", QoS.AT_LEAST_ONCE);
        v3.publish("xv/from3", "three", QoS.AT_LEAST_ONCE);
        assertThat(v5.receive().payload().toUtf8String()).isEqualTo("three");
        assertThat(v3.receive().payload().toUtf8String()).isEqualTo("three");
        v5.publish(Packets.publish("xv/from5", "five", QoS.AT_LEAST_ONCE, 9,
                new PublishProperties(false, -1, null, null, null, List.of(new UserProperty("k", "v")))));
        assertThat(v3.receive().payload().toUtf8String()).isEqualTo("five");
        assertThat(v5.receive().payload().toUtf8String()).isEqualTo("five");
    }

    @Test
    @DisplayName("[MQTT-3.3.2-5] v5: a message waiting behind a full Receive Maximum window expires there and is not delivered")
    void messageExpiry_queuedBehindWindow_dropped() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("slow").receiveMaximum(1).build());
        sub.subscribe("mw/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish(Packets.publish("mw/t", "first", QoS.AT_LEAST_ONCE, 1, Packets.expiry(10)));
        pub.publish(Packets.publish("mw/t", "second", QoS.AT_LEAST_ONCE, 2, Packets.expiry(10)));
        pub.publish(Packets.publish("mw/t", "third", QoS.AT_LEAST_ONCE, 3, Packets.expiry(100)));
        Publish first = sub.expect(Publish.class);
        sub.expectNothingFor(QUIET); // window of 1 is full
        broker.clock().advance(Duration.ofSeconds(20));
        broker.broker().runMaintenance();
        sub.send(new dev.wren.codec.packet.PubAck(first.packetId()));
        Publish next = sub.receive();
        assertThat(next.payload().toUtf8String()).as("'second' expired while waiting").isEqualTo("third");
        assertThat(next.properties().messageExpiryInterval()).isBetween(79L, 80L);
    }
}
