package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
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

/** Harder cases: state that must survive reconnects, aliases with retain, identifiers on resumed sessions. */
@Timeout(30)
class EdgeCasesIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maintenanceIntervalMillis(0));

    private RawClient persistent(MqttVersion v, String id) {
        RawClient c = broker.rawClient();
        ConnAck ack = c.connect(ConnectBuilder.of(v, id).cleanStart(false).sessionExpiry(600).build());
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.3.3-10](5.0) [MQTT-4.3.3-2](3.1.1) [MQTT-4.4.0-1] inbound QoS 2 stays exactly-once across a reconnect: PUBLISH resent with DUP before PUBREL is not delivered again")
    void inboundQos2_acrossReconnect_exactlyOnce(MqttVersion v) {
        RawClient sub = broker.connected(v, "sub");
        sub.subscribe("x2/t", QoS.AT_LEAST_ONCE);
        RawClient pub = persistent(v, "pub");
        Publish p = Packets.publish("x2/t", "once", QoS.EXACTLY_ONCE, 11);
        pub.send(p);
        pub.expect(PubRec.class);
        pub.close(); // lost the PUBREC? the client resends the PUBLISH after reconnecting

        RawClient again = persistent(v, "pub");
        again.send(p.withDup(true));
        assertThat(again.expect(PubRec.class).packetId()).isEqualTo(11);
        again.send(new PubRel(11));
        assertThat(again.expect(PubComp.class).packetId()).isEqualTo(11);
        assertThat(sub.receive().payload().toUtf8String()).isEqualTo("once");
        sub.expectNothingFor(QUIET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.4.0-1] [MQTT-4.6.0-5](5.0) [MQTT-4.6.0-6](3.1.1) on resumption, unacknowledged messages are resent first and in order, then the queued ones")
    void resume_resendThenQueued_inOrder(MqttVersion v) {
        RawClient sub = persistent(v, "sub");
        sub.subscribe("ro/t", QoS.AT_LEAST_ONCE);
        RawClient pub = broker.connected(v, "pub");
        pub.publish("ro/t", "a", QoS.AT_LEAST_ONCE);
        pub.publish("ro/t", "b", QoS.AT_LEAST_ONCE);
        sub.expect(Publish.class);
        sub.expect(Publish.class);
        sub.close(); // neither acknowledged
        broker.awaitConnections(1); // only the publisher: c and d are queued, never sent
        pub.publish("ro/t", "c", QoS.AT_LEAST_ONCE);
        pub.publish("ro/t", "d", QoS.AT_LEAST_ONCE);

        RawClient back = persistent(v, "sub");
        List<String> got = new ArrayList<>();
        List<Boolean> dup = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Publish p = back.receive();
            got.add(p.payload().toUtf8String());
            dup.add(p.dup());
        }
        assertThat(got).containsExactly("a", "b", "c", "d");
        assertThat(dup).containsExactly(true, true, false, false);
        back.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.1.4-3][MQTT-4.4.0-1] v5: messages in flight to a taken-over connection are resent to the new one")
    void takeover_inflightResentToNewConnection() {
        RawClient old = persistent(MqttVersion.V5, "sub");
        old.subscribe("tk/t", QoS.AT_LEAST_ONCE);
        broker.connected(MqttVersion.V5, "pub").publish("tk/t", "inflight", QoS.AT_LEAST_ONCE);
        Publish first = old.expect(Publish.class); // not acknowledged
        RawClient fresh = persistent(MqttVersion.V5, "sub");
        Publish again = fresh.expect(Publish.class);
        assertThat(again.payload().toUtf8String()).isEqualTo("inflight");
        assertThat(again.packetId()).isEqualTo(first.packetId());
        assertThat(again.dup()).isTrue();
        fresh.send(new PubAck(again.packetId()));
        fresh.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-12][MQTT-3.3.1-5] v5: a retained PUBLISH using a Topic Alias is retained under the real topic")
    void topicAlias_withRetain_storedUnderRealTopic() {
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.send(new Publish("al/ret", dev.wren.codec.Binary.utf8("first"), QoS.AT_MOST_ONCE, true, false, 0,
                dev.wren.codec.packet.PublishProperties.NONE, 1, List.of()));
        pub.publish(new Publish("", dev.wren.codec.Binary.utf8("second"), QoS.AT_LEAST_ONCE, true, false, 5,
                dev.wren.codec.packet.PublishProperties.NONE, 1, List.of()));
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        sub.subscribe("al/#", QoS.AT_MOST_ONCE);
        Publish p = sub.receive();
        assertThat(p.topic()).isEqualTo("al/ret");
        assertThat(p.payload().toUtf8String()).isEqualTo("second");
        sub.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.3.4-3] v5: Subscription Identifiers survive session resumption")
    void subscriptionIdentifier_survivesResumption() {
        RawClient sub = persistent(MqttVersion.V5, "sub");
        sub.subscribe(Packets.subscribe(1, 77, Packets.sub("sidr/t", QoS.AT_LEAST_ONCE)));
        sub.disconnect();
        broker.connected(MqttVersion.V5, "pub").publish("sidr/t", "x", QoS.AT_LEAST_ONCE);
        RawClient back = persistent(MqttVersion.V5, "sub");
        assertThat(back.receive().subscriptionIdentifiers()).containsExactly(77);
    }

    @Test
    @DisplayName("[MQTT-3.3.4-3] v5: a retained message sent on subscribe carries the Subscription Identifier")
    void subscriptionIdentifier_onRetainedAtSubscribe() {
        broker.connected(MqttVersion.V5, "pub").publishRetained("sidret/t", "r", QoS.AT_LEAST_ONCE);
        RawClient sub = broker.connected(MqttVersion.V5, "sub");
        sub.subscribe(Packets.subscribe(1, 12, Packets.sub("sidret/#", QoS.AT_MOST_ONCE)));
        Publish p = sub.receive();
        assertThat(p.retain()).isTrue();
        assertThat(p.subscriptionIdentifiers()).containsExactly(12);
    }

    @Test
    @DisplayName("[3.1.3.2.2] v5: with Session Expiry 0 the will is published at close even if Will Delay is longer")
    void willDelay_sessionExpiryZero_publishedAtClose() {
        RawClient w = broker.connected(MqttVersion.V5, "watcher");
        w.subscribe("wd/#", QoS.AT_MOST_ONCE);
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("zero").sessionExpiry(0).will("wd/zero", "now", QoS.AT_MOST_ONCE, false, 300).build());
        c.close();
        assertThat(w.receive().payload().toUtf8String()).isEqualTo("now");
    }

    @Test
    @DisplayName("[3.14.2.2.2] v5: DISCONNECT lowering Session Expiry to 0 ends the session at once")
    void disconnect_sessionExpiryToZero_endsSession() {
        RawClient c = persistent(MqttVersion.V5, "s");
        c.subscribe("sx/t", QoS.AT_LEAST_ONCE);
        c.send(new dev.wren.codec.packet.Disconnect(ReasonCode.NORMAL_DISCONNECTION, 0, null, null, List.of()));
        c.expectClosed();
        RawClient back = broker.rawClient();
        assertThat(back.connect(ConnectBuilder.v5("s").cleanStart(false).sessionExpiry(600).build()).sessionPresent()).isFalse();
    }

    @Test
    @DisplayName("[4.3.2] a PUBACK for an unknown packet id is ignored; the connection stays usable")
    void pubAck_unknownId_ignored() {
        RawClient c = broker.connected(MqttVersion.V5, "c");
        c.send(new PubAck(999));
        c.send(dev.wren.codec.packet.PingReq.INSTANCE);
        c.expect(dev.wren.codec.packet.PingResp.class);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-22][MQTT-3.2.2-21] v5: the Server Keep Alive replaces the client's value and is enforced")
    void serverKeepAlive_enforced() {
        BrokerExtension own = new BrokerExtension(cfg -> cfg.maxKeepAlive(1));
        own.start();
        try (RawClient c = RawClient.open(own.port())) {
            ConnAck ack = c.connect(ConnectBuilder.v5("ka").keepAlive(60).build());
            assertThat(ack.properties().serverKeepAlive()).isEqualTo(1);
            own.clock().advance(Duration.ofMillis(1_400)); // the client's 60 s would allow this, the server's 1 s not
            c.expectNothingFor(Duration.ofMillis(700));
            own.clock().advance(Duration.ofMillis(200));
            c.expectDisconnect(ReasonCode.KEEP_ALIVE_TIMEOUT);
        } finally {
            own.stop();
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-7] v5: a QoS 2 PUBLISH already sent is not expired: it is resent on resumption after its expiry passed")
    void qos2Sent_notExpired() {
        RawClient sub = persistent(MqttVersion.V5, "sub");
        sub.subscribe("qx/t", QoS.EXACTLY_ONCE);
        broker.connected(MqttVersion.V5, "pub").publish(Packets.publish("qx/t", "x", QoS.EXACTLY_ONCE, 1, Packets.expiry(10)));
        Publish first = sub.expect(Publish.class); // no PUBREC
        sub.close();
        broker.awaitConnections(1);
        broker.clock().advance(Duration.ofSeconds(30));
        broker.broker().runMaintenance();
        RawClient back = persistent(MqttVersion.V5, "sub");
        Publish again = back.expect(Publish.class);
        assertThat(again.packetId()).isEqualTo(first.packetId());
        assertThat(again.dup()).isTrue();
    }
}
