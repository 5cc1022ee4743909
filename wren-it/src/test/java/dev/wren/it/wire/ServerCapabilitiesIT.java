package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broker with optional features switched off: what it announces and how it refuses them. */
@Timeout(30)
class ServerCapabilitiesIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maxQos(1).wildcardSubscriptionsAvailable(false)
            .sharedSubscriptionsAvailable(false).subscriptionIdentifiersAvailable(false).retainAvailable(true)
            .maxSubscriptionsPerClient(3));

    @Test
    @DisplayName("[MQTT-3.2.2-9] v5: CONNACK announces Maximum QoS 1 and the unavailable features")
    void connack_announcesCapabilities() {
        ConnAck ack = broker.rawClient().connectOk(MqttVersion.V5, "caps");
        assertThat(ack.properties().maximumQos()).isEqualTo(1);
        assertThat(ack.properties().wildcardSubscriptionAvailable()).isFalse();
        assertThat(ack.properties().sharedSubscriptionAvailable()).isFalse();
        assertThat(ack.properties().subscriptionIdentifiersAvailable()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.2.2-10][MQTT-3.8.4-7] a subscription requesting QoS 2 is granted the server's Maximum QoS 1")
    void suback_qosCappedByMaximum() {
        RawClient c = broker.rawClient();
        c.connectOk(MqttVersion.V3_1_1, "cap");
        assertThat(c.subscribe("cap/t", QoS.EXACTLY_ONCE).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
    }

    @Test
    @DisplayName("[3.9.3] v5: SUBACK 0xA2 for a wildcard filter and 0x9E for a shared filter when unsupported")
    void suback_unsupportedFeatures_refusedPerFilter() {
        RawClient c = broker.rawClient();
        c.connectOk(MqttVersion.V5, "nofeat");
        SubAck ack = c.subscribe(Packets.subscribe(1, Packets.sub("plain/t", QoS.AT_MOST_ONCE),
                Packets.sub("wild/#", QoS.AT_MOST_ONCE), Packets.sub("$share/g/t", QoS.AT_MOST_ONCE)));
        assertThat(ack.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0,
                ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED, ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED);
    }

    @Test
    @DisplayName("[3.2.2.3.12] v5: a SUBSCRIBE with a Subscription Identifier when unsupported gets DISCONNECT 0xA1")
    void subscribe_subscriptionIdUnsupported_disconnect0xA1() {
        RawClient c = broker.rawClient();
        c.connectOk(MqttVersion.V5, "nosid");
        c.send(Packets.subscribe(1, 5, Packets.sub("x/t", QoS.AT_MOST_ONCE)));
        c.expectDisconnect(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED);
    }

    @Test
    @DisplayName("[3.9.3] v5: SUBACK 0x97 (Quota exceeded) beyond the maximum subscriptions per client")
    void suback_tooManySubscriptions_quotaExceeded() {
        RawClient c = broker.rawClient();
        c.connectOk(MqttVersion.V5, "many");
        SubAck ack = c.subscribe(Packets.subscribe(1, Packets.sub("m/1", QoS.AT_MOST_ONCE), Packets.sub("m/2", QoS.AT_MOST_ONCE),
                Packets.sub("m/3", QoS.AT_MOST_ONCE), Packets.sub("m/4", QoS.AT_MOST_ONCE)));
        assertThat(ack.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_0,
                ReasonCode.GRANTED_QOS_0, ReasonCode.QUOTA_EXCEEDED);
    }

    @Test
    @DisplayName("[3.2.2.3.4] v5: a PUBLISH with QoS above Maximum QoS gets DISCONNECT 0x9B")
    void publish_aboveMaximumQos_disconnect0x9B() {
        RawClient c = broker.rawClient();
        c.connectOk(MqttVersion.V5, "toohigh");
        c.send(Packets.publish("q/t", "x", QoS.EXACTLY_ONCE, 1));
        c.expectDisconnect(ReasonCode.QOS_NOT_SUPPORTED);
    }

    @Test
    @DisplayName("[MQTT-3.8.4-8] with Maximum QoS 1 a QoS 1 message reaches a QoS 2 request at QoS 1")
    void delivery_respectsMaximumQos() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V3_1_1, "sub");
        sub.subscribe("mq/t", QoS.EXACTLY_ONCE);
        broker.connected(MqttVersion.V3_1_1, "pub").publish("mq/t", "x", QoS.AT_LEAST_ONCE);
        Publish p = sub.receive();
        assertThat(p.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
    }
}
