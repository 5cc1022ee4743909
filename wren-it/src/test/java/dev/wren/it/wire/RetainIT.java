package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retained messages and the subscription options that govern them. */
@Timeout(30)
class RetainIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maintenanceIntervalMillis(0));

    private RawClient publisher(MqttVersion v) {
        RawClient pub = broker.rawClient();
        pub.connectOk(v, "pub");
        return pub;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1", "V5"})
    @DisplayName("[MQTT-3.3.1-6](3.1.1) [MQTT-3.3.1-9](5.0) a new subscription receives the retained message with RETAIN=1")
    void retained_sentOnSubscribe_withRetainFlag(MqttVersion v) {
        publisher(v).publishRetained("ret/a", "kept", QoS.AT_LEAST_ONCE);
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("ret/+", QoS.AT_LEAST_ONCE);
        Publish p = sub.receive();
        assertThat(p.topic()).isEqualTo("ret/a");
        assertThat(p.payload().toUtf8String()).isEqualTo("kept");
        assertThat(p.retain()).isTrue();
        assertThat(p.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.3.1-5] a new retained message replaces the previous one on its topic")
    void retained_replaced(MqttVersion v) {
        RawClient pub = publisher(v);
        pub.publishRetained("ret/r", "old", QoS.AT_LEAST_ONCE);
        pub.publishRetained("ret/r", "new", QoS.AT_LEAST_ONCE);
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("ret/r", QoS.AT_LEAST_ONCE);
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("new");
        sub.expectNothingFor(QUIET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.3.1-10](3.1.1) [MQTT-3.3.1-11](3.1.1) [MQTT-3.3.1-6](5.0) [MQTT-3.3.1-7](5.0) an empty retained payload deletes the retained message and is not stored")
    void retained_emptyPayload_deletes(MqttVersion v) {
        RawClient pub = publisher(v);
        pub.publishRetained("ret/d", "doomed", QoS.AT_LEAST_ONCE);
        pub.publishRetained("ret/d", "", QoS.AT_LEAST_ONCE);
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("ret/#", QoS.AT_LEAST_ONCE);
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.3.1-9](3.1.1) a message delivered to an existing subscription has RETAIN=0")
    void retained_liveDelivery_v311_retainCleared() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V3_1_1, "sub");
        sub.subscribe("ret/live", QoS.AT_MOST_ONCE);
        publisher(MqttVersion.V3_1_1).publishRetained("ret/live", "now", QoS.AT_MOST_ONCE);
        assertThat(sub.receive().retain()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.3.1-12] v5: Retain As Published 0 clears RETAIN on live delivery")
    void retainAsPublished0_cleared() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe(Packets.subscribe(1, Packets.sub("rap/t", QoS.AT_MOST_ONCE, false, false, RetainHandling.SEND)));
        publisher(MqttVersion.V5).publishRetained("rap/t", "x", QoS.AT_MOST_ONCE);
        assertThat(sub.receive().retain()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.3.1-13] v5: Retain As Published 1 keeps RETAIN as published on live delivery")
    void retainAsPublished1_kept() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe(Packets.subscribe(1, Packets.sub("rap/t", QoS.AT_MOST_ONCE, false, true, RetainHandling.SEND)));
        RawClient pub = publisher(MqttVersion.V5);
        pub.publishRetained("rap/t", "r", QoS.AT_MOST_ONCE);
        pub.publish("rap/t", "n", QoS.AT_MOST_ONCE);
        Publish r = sub.receive();
        Publish n = sub.receive();
        assertThat(r.payload().toUtf8String()).isEqualTo("r");
        assertThat(r.retain()).isTrue();
        assertThat(n.retain()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.3.1-9] v5: Retain Handling 0 sends retained messages on every subscribe")
    void retainHandling0_everySubscribe() {
        publisher(MqttVersion.V5).publishRetained("rh/t", "r", QoS.AT_LEAST_ONCE);
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe(Packets.subscribe(1, Packets.sub("rh/t", QoS.AT_MOST_ONCE, false, false, RetainHandling.SEND)));
        assertThat(sub.receive().retain()).isTrue();
        sub.subscribe(Packets.subscribe(2, Packets.sub("rh/t", QoS.AT_MOST_ONCE, false, false, RetainHandling.SEND)));
        assertThat(sub.receive().retain()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-3.3.1-10] v5: Retain Handling 1 sends retained messages only if the subscription is new")
    void retainHandling1_onlyNewSubscription() {
        publisher(MqttVersion.V5).publishRetained("rh/t", "r", QoS.AT_LEAST_ONCE);
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe(Packets.subscribe(1, Packets.sub("rh/t", QoS.AT_MOST_ONCE, false, false, RetainHandling.SEND_IF_NEW)));
        assertThat(sub.receive().retain()).isTrue();
        sub.subscribe(Packets.subscribe(2, Packets.sub("rh/t", QoS.AT_MOST_ONCE, false, false, RetainHandling.SEND_IF_NEW)));
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.3.1-11] v5: Retain Handling 2 sends no retained messages on subscribe")
    void retainHandling2_never() {
        publisher(MqttVersion.V5).publishRetained("rh/t", "r", QoS.AT_LEAST_ONCE);
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe(Packets.subscribe(1, Packets.sub("rh/t", QoS.AT_MOST_ONCE, false, false, RetainHandling.DO_NOT_SEND)));
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-5] v5: a retained message whose Message Expiry Interval has passed is not sent on subscribe")
    void retained_expired_notSent() {
        RawClient pub = publisher(MqttVersion.V5);
        pub.publish(new Publish("rx/t", dev.wren.codec.Binary.utf8("short"), QoS.AT_LEAST_ONCE, true, false, 0,
                Packets.expiry(10), 0, java.util.List.of()));
        broker.clock().advance(Duration.ofSeconds(11));
        broker.broker().runMaintenance();
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe("rx/t", QoS.AT_MOST_ONCE);
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-6] v5: a retained message is sent with its remaining Message Expiry Interval")
    void retained_expiryDecremented() {
        RawClient pub = publisher(MqttVersion.V5);
        pub.publish(new Publish("rx/t", dev.wren.codec.Binary.utf8("later"), QoS.AT_LEAST_ONCE, true, false, 0,
                Packets.expiry(100), 0, java.util.List.of()));
        broker.clock().advance(Duration.ofSeconds(40));
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe("rx/t", QoS.AT_MOST_ONCE);
        Publish p = sub.receive();
        assertThat(p.properties().messageExpiryInterval()).isBetween(59L, 60L);
    }

    @ParameterizedTest(name = "subscription QoS {0}")
    @EnumSource(value = QoS.class, names = {"AT_MOST_ONCE", "AT_LEAST_ONCE"})
    @DisplayName("[MQTT-3.3.1-9] a wildcard subscription over 5000 retained messages gets all 1000 matching ones, quickly")
    void retained_largeSet_wildcardLookup(QoS qos) {
        RawClient pub = publisher(MqttVersion.V5);
        for (int i = 0; i < 1000; i++) {
            for (String leaf : new String[] {"x", "y", "z", "w", "v"}) {
                pub.send(Packets.retained("big/" + i + "/" + leaf, leaf, QoS.AT_MOST_ONCE, 0));
            }
        }
        pub.publishRetained("big/sync", "s", QoS.AT_LEAST_ONCE); // acked: everything before it was processed
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        long start = System.nanoTime();
        sub.subscribe("big/+/x", qos);
        java.util.Set<String> topics = new java.util.HashSet<>();
        while (topics.size() < 1000 && sub.hasDataWithin(Duration.ofSeconds(2))) {
            Publish p = sub.receive(); // reads as fast as it can
            assertThat(p.retain()).isTrue();
            topics.add(p.topic());
        }
        assertThat(topics).as("retained messages received (dropped as slow consumer: %d)",
                broker.broker().metrics().get(dev.wren.broker.metrics.Metric.DROPPED_QOS0_SLOW_CONSUMER))
                .hasSize(1000).allMatch(t -> t.endsWith("/x"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        sub.expectNothingFor(QUIET);
    }
}
