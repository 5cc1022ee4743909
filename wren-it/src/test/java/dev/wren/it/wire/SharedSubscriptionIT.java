package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shared subscriptions {@code $share/{group}/{filter}} (MQTT 5, section 4.8.2). */
@Timeout(30)
class SharedSubscriptionIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    private RawClient member(String id, String filter, QoS qos) {
        RawClient m = broker.rawClient();
        m.connectOk(MqttVersion.V5, id);
        m.subscribe(filter, qos);
        return m;
    }

    @Test
    @DisplayName("[4.8.2] each message on a shared subscription goes to exactly one member, spread over the members")
    void shared_eachMessageToOneMember_loadBalanced() {
        RawClient a = member("a", "$share/g/sh/t", QoS.AT_LEAST_ONCE);
        RawClient b = member("b", "$share/g/sh/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        int n = 20;
        for (int i = 0; i < n; i++) {
            pub.publish("sh/t", "m" + i, QoS.AT_LEAST_ONCE);
        }
        List<String> toA = new ArrayList<>();
        List<String> toB = new ArrayList<>();
        // the total is known; read from whichever member has data until all n are seen
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            poll(a, toA);
            poll(b, toB);
            return toA.size() + toB.size() >= n;
        });
        Set<String> all = new HashSet<>(toA);
        all.addAll(toB);
        assertThat(toA.size() + toB.size()).as("no duplicates").isEqualTo(n);
        assertThat(all).hasSize(n);
        assertThat(toA).as("member a got a share").isNotEmpty();
        assertThat(toB).as("member b got a share").isNotEmpty();
        a.expectNothingFor(QUIET);
        b.expectNothingFor(QUIET);
    }

    private static void poll(RawClient c, List<String> into) {
        if (c.hasData()) {
            into.add(c.receive().payload().toUtf8String());
        }
    }

    @Test
    @DisplayName("[4.8.2] a shared subscription and a normal one on the same filter each get the message")
    void shared_andNonShared_bothDelivered() {
        RawClient shared = member("s", "$share/g/mix/t", QoS.AT_MOST_ONCE);
        RawClient normal = member("n", "mix/t", QoS.AT_MOST_ONCE);
        broker.connected(MqttVersion.V5, "pub").publish("mix/t", "x", QoS.AT_MOST_ONCE);
        assertThat(shared.receive().payload().toUtf8String()).isEqualTo("x");
        assertThat(normal.receive().payload().toUtf8String()).isEqualTo("x");
    }

    @Test
    @DisplayName("[4.8.2] two share groups on one filter each get one copy")
    void shared_twoGroups_oneCopyEach() {
        RawClient g1 = member("g1", "$share/one/grp/t", QoS.AT_MOST_ONCE);
        RawClient g2 = member("g2", "$share/two/grp/t", QoS.AT_MOST_ONCE);
        broker.connected(MqttVersion.V5, "pub").publish("grp/t", "x", QoS.AT_MOST_ONCE);
        assertThat(g1.receive().payload().toUtf8String()).isEqualTo("x");
        assertThat(g2.receive().payload().toUtf8String()).isEqualTo("x");
        g1.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[4.8.2] retained messages are not sent when a shared subscription is made")
    void shared_noRetainedOnSubscribe() {
        broker.connected(MqttVersion.V5, "pub").publishRetained("shr/t", "old", QoS.AT_LEAST_ONCE);
        RawClient m = member("m", "$share/g/shr/t", QoS.AT_MOST_ONCE);
        m.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[4.8.2] when a member leaves, the remaining member gets every message")
    void shared_memberLeaves_othersGetAll() {
        RawClient a = member("a", "$share/g/lv/t", QoS.AT_LEAST_ONCE);
        RawClient b = member("b", "$share/g/lv/t", QoS.AT_LEAST_ONCE);
        a.disconnect();
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        for (int i = 0; i < 5; i++) {
            pub.publish("lv/t", "m" + i, QoS.AT_LEAST_ONCE);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(b.receive().payload().toUtf8String()).isEqualTo("m" + i);
        }
    }

    @Test
    @DisplayName("[4.8.2] QoS 1: a message unacknowledged by a member whose session ends is sent to another member")
    void shared_qos1_memberSessionEnds_redelivered() {
        RawClient a = member("a", "$share/g/rd/t", QoS.AT_LEAST_ONCE); // session expiry 0: ends at close
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("rd/t", "m", QoS.AT_LEAST_ONCE);
        Publish first = a.expect(Publish.class); // no PUBACK
        RawClient b = member("b", "$share/g/rd/t", QoS.AT_LEAST_ONCE);
        a.close();
        Publish again = b.receive();
        assertThat(again.payload().toUtf8String()).isEqualTo(first.payload().toUtf8String());
    }

    @Test
    @DisplayName("[MQTT-4.8.2-5] QoS 2: a message in flight to a member whose session ends is NOT sent to another member")
    void shared_qos2_memberSessionEnds_notSentToOthers() {
        RawClient a = member("a", "$share/g/q2/t", QoS.EXACTLY_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("q2/t", "m", QoS.EXACTLY_ONCE);
        a.expect(Publish.class); // no PUBREC
        RawClient b = member("b", "$share/g/q2/t", QoS.EXACTLY_ONCE);
        a.close();
        broker.awaitConnections(2); // pub and b
        b.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-4.8.2-4] QoS 2: delivery to a member with a persistent session is completed when it reconnects")
    void shared_qos2_memberReconnects_deliveryCompleted() {
        RawClient a = broker.rawClient();
        a.connect(dev.wren.it.kit.ConnectBuilder.v5("a").cleanStart(false).sessionExpiry(600).build());
        a.subscribe("$share/g/q2r/t", QoS.EXACTLY_ONCE);
        RawClient b = member("b", "$share/g/q2r/t", QoS.EXACTLY_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        Publish got = null;
        RawClient holder = null;
        for (int i = 0; i < 2 && got == null; i++) { // round robin: one of the first two goes to a
            pub.publish("q2r/t", "m" + i, QoS.EXACTLY_ONCE);
            if (a.hasDataWithin(QUIET)) {
                got = a.expect(Publish.class);
                holder = a;
            } else {
                b.receive();
            }
        }
        assertThat(got).as("member a got one of two messages").isNotNull();
        holder.close(); // no PUBREC
        broker.awaitConnections(2);
        b.expectNothingFor(QUIET);
        RawClient back = broker.rawClient();
        assertThat(back.connect(dev.wren.it.kit.ConnectBuilder.v5("a").cleanStart(false).sessionExpiry(600).build())
                .sessionPresent()).isTrue();
        Publish again = back.expect(Publish.class);
        assertThat(again.payload()).isEqualTo(got.payload());
        assertThat(again.dup()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-4.8.2-3] a shared subscription's granted QoS is respected")
    void shared_grantedQosRespected() {
        RawClient m = member("m", "$share/g/gq/t", QoS.AT_MOST_ONCE);
        broker.connected(MqttVersion.V5, "pub").publish("gq/t", "x", QoS.EXACTLY_ONCE);
        assertThat(m.receive().qos()).isEqualTo(QoS.AT_MOST_ONCE);
    }

    @Test
    @DisplayName("[MQTT-4.8.2-6] a message refused by a member with PUBACK 0x80 is discarded, not sent to another member")
    void shared_errorAck_notSentToOthers() {
        RawClient a = member("a", "$share/g/ea/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("ea/t", "m", QoS.AT_LEAST_ONCE);
        Publish p = a.expect(Publish.class);
        a.send(new dev.wren.codec.packet.PubAck(p.packetId(), dev.wren.codec.ReasonCode.UNSPECIFIED_ERROR));
        RawClient b = member("b", "$share/g/ea/t", QoS.AT_LEAST_ONCE);
        a.close();
        broker.awaitConnections(2);
        b.expectNothingFor(QUIET);
    }
}
