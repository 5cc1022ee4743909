package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SUBSCRIBE / UNSUBSCRIBE semantics and the MQTT 5 subscription options. */
@Timeout(30)
class SubscriptionIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.8.4-3] a SUBSCRIBE for an existing filter replaces the subscription: one delivery, new QoS")
    void resubscribe_replaces(MqttVersion v) {
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("re/t", QoS.AT_MOST_ONCE);
        sub.subscribe("re/t", QoS.AT_LEAST_ONCE);
        broker.connected(v, "pub").publish("re/t", "x", QoS.EXACTLY_ONCE);
        Publish p = sub.receive();
        assertThat(p.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        sub.expectNothingFor(QUIET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.3.4-2](5.0) [MQTT-3.3.5-1](3.1.1) overlapping subscriptions: a delivery at the highest granted QoS, nothing above it")
    void overlapping_deliveredRespectingMaxQos(MqttVersion v) {
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("ov/+", QoS.AT_MOST_ONCE);
        sub.subscribe("ov/#", QoS.EXACTLY_ONCE);
        broker.connected(v, "pub").publish("ov/x", "x", QoS.EXACTLY_ONCE);
        List<QoS> got = new ArrayList<>();
        got.add(sub.receive().qos());
        // the spec allows one delivery (at QoS 2) or one per subscription (QoS 0 and QoS 2)
        if (got.get(0) != QoS.EXACTLY_ONCE) {
            got.add(sub.receive().qos());
        }
        assertThat(got).contains(QoS.EXACTLY_ONCE);
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.8.3-3] v5: No Local: a client's own messages are not delivered to its No Local subscription")
    void noLocal_ownMessagesNotDelivered() {
        RawClient c = broker.rawClient();
        c.connectOk(MqttVersion.V5, "self");
        c.subscribe(Packets.subscribe(1, Packets.sub("nl/t", QoS.AT_MOST_ONCE, true, false, RetainHandling.SEND)));
        c.publish("nl/t", "mine", QoS.AT_MOST_ONCE);
        c.expectNothingFor(QUIET);
        broker.connected(MqttVersion.V5, "other").publish("nl/t", "theirs", QoS.AT_MOST_ONCE);
        assertThat(c.receive().payload().toUtf8String()).isEqualTo("theirs");
    }

    @Test
    @DisplayName("[MQTT-3.3.4-3] v5: deliveries carry the Subscription Identifier of the matching subscription")
    void subscriptionIdentifier_onDelivery() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe(Packets.subscribe(1, 42, Packets.sub("sid/a/#", QoS.AT_MOST_ONCE)));
        sub.subscribe(Packets.subscribe(2, Packets.sub("sid/b", QoS.AT_MOST_ONCE)));
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        pub.publish("sid/a/x", "a", QoS.AT_MOST_ONCE);
        assertThat(sub.receive().subscriptionIdentifiers()).containsExactly(42);
        pub.publish("sid/b", "b", QoS.AT_MOST_ONCE);
        assertThat(sub.receive().subscriptionIdentifiers()).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.3.4-3][MQTT-3.3.4-4] v5: one delivery for overlapping subscriptions carries all their Subscription Identifiers")
    void subscriptionIdentifiers_overlapping() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe(Packets.subscribe(1, 7, Packets.sub("sids/+", QoS.AT_MOST_ONCE)));
        sub.subscribe(Packets.subscribe(2, 9, Packets.sub("sids/#", QoS.AT_MOST_ONCE)));
        broker.connected(MqttVersion.V5, "pub").publish("sids/x", "x", QoS.AT_MOST_ONCE);
        List<Integer> ids = new ArrayList<>(sub.receive().subscriptionIdentifiers());
        if (ids.size() == 1) { // one delivery per subscription is allowed too [MQTT-3.3.4-5]
            ids.addAll(sub.receive().subscriptionIdentifiers());
        }
        assertThat(ids).containsExactlyInAnyOrder(7, 9);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.10.4-2] after UNSUBSCRIBE no new messages are delivered for the filter")
    void unsubscribe_stopsDelivery(MqttVersion v) {
        RawClient sub = broker.rawClient();
        sub.connectOk(v, "sub");
        sub.subscribe("un/t", QoS.AT_LEAST_ONCE);
        sub.unsubscribe("un/t");
        broker.connected(v, "pub").publish("un/t", "x", QoS.AT_LEAST_ONCE);
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.11.3-1] v5: UNSUBACK has one reason code per filter in order (0x00 removed, 0x11 none existed)")
    void unsuback_reasonPerFilter() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe("ua/a", QoS.AT_MOST_ONCE);
        assertThat(sub.unsubscribe("ua/none", "ua/a").reasonCodes())
                .containsExactly(ReasonCode.NO_SUBSCRIPTION_EXISTED, ReasonCode.SUCCESS);
    }

    @Test
    @DisplayName("[MQTT-3.8.4-6][MQTT-3.9.3-1] v5: SUBACK has one reason code per filter in order, granted QoS for each")
    void suback_reasonPerFilter() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        SubAck ack = sub.subscribe(Packets.subscribe(5, Packets.sub("sa/2", QoS.EXACTLY_ONCE),
                Packets.sub("sa/0", QoS.AT_MOST_ONCE), Packets.sub("sa/1", QoS.AT_LEAST_ONCE),
                Packets.sub("$share/g/sa", QoS.AT_LEAST_ONCE)));
        assertThat(ack.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0,
                ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_1);
    }
}
