package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Persistent sessions: resend on resumption, offline queues, session expiry, clean start. */
@Timeout(30)
class SessionIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maintenanceIntervalMillis(0));

    private RawClient persistent(MqttVersion v, String id) {
        RawClient c = broker.rawClient();
        ConnAck ack = c.connect(ConnectBuilder.of(v, id).cleanStart(false).sessionExpiry(3600).build());
        assertThat(ack.reasonCode().isError()).isFalse();
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.4.0-1][MQTT-3.3.1-1] an unacknowledged QoS 1 PUBLISH is resent with DUP=1 and the same packet id on resumption")
    void resume_unackedQos1_resentWithDup(MqttVersion v) {
        RawClient sub = persistent(v, "sub");
        sub.subscribe("s/t", QoS.AT_LEAST_ONCE);
        broker.connected(v, "pub").publish("s/t", "m1", QoS.AT_LEAST_ONCE);
        Publish first = sub.expect(Publish.class);
        assertThat(first.dup()).isFalse();
        sub.close(); // no PUBACK

        RawClient back = persistent(v, "sub");
        Publish again = back.expect(Publish.class);
        assertThat(again.packetId()).isEqualTo(first.packetId());
        assertThat(again.dup()).isTrue();
        assertThat(again.payload().toUtf8String()).isEqualTo("m1");
        back.send(new PubAck(again.packetId()));
        back.expectNothingFor(QUIET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.4.0-1] an unacknowledged PUBREL is resent on resumption")
    void resume_unackedPubRel_resent(MqttVersion v) {
        RawClient sub = persistent(v, "sub");
        sub.subscribe("s/t", QoS.EXACTLY_ONCE);
        broker.connected(v, "pub").publish("s/t", "m2", QoS.EXACTLY_ONCE);
        Publish p = sub.expect(Publish.class);
        sub.send(new PubRec(p.packetId()));
        assertThat(sub.expect(PubRel.class).packetId()).isEqualTo(p.packetId());
        sub.close(); // no PUBCOMP

        RawClient back = persistent(v, "sub");
        assertThat(back.expect(PubRel.class).packetId()).isEqualTo(p.packetId());
        back.send(new PubComp(p.packetId()));
        back.expectNothingFor(QUIET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.1.2-5][MQTT-4.5.0-1] QoS 1 and 2 messages published while offline are delivered on resumption, in order")
    void offline_qos12Queued_deliveredInOrder(MqttVersion v) {
        RawClient sub = persistent(v, "sub");
        sub.subscribe("off/t", QoS.EXACTLY_ONCE);
        sub.disconnect();
        RawClient pub = broker.rawClient();
        pub.connectOk(v, "pub");
        pub.publish("off/t", "a", QoS.AT_LEAST_ONCE);
        pub.publish("off/t", "b", QoS.EXACTLY_ONCE);
        pub.publish("off/t", "c", QoS.AT_LEAST_ONCE);

        RawClient back = persistent(v, "sub");
        assertThat(back.receive().payload().toUtf8String()).isEqualTo("a");
        assertThat(back.receive().payload().toUtf8String()).isEqualTo("b");
        assertThat(back.receive().payload().toUtf8String()).isEqualTo("c");
        back.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-5] v5: QoS 0 messages are not queued for an offline session by default (documented policy)")
    void offline_qos0_notQueuedByDefault() {
        RawClient sub = persistent(MqttVersion.V5, "sub");
        sub.subscribe("off0/t", QoS.AT_LEAST_ONCE);
        sub.disconnect();
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("off0/t", "lost", QoS.AT_MOST_ONCE);
        pub.publish("other/t", "sync", QoS.AT_LEAST_ONCE); // acked: the QoS 0 message before it was routed
        RawClient back = persistent(MqttVersion.V5, "sub");
        back.expectNothingFor(QUIET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.1.2-4](5.0) [MQTT-3.1.2-6](3.1.1) Clean Start 1 discards the stored session: no subscriptions, no queued messages")
    void cleanStart_discardsSession(MqttVersion v) {
        RawClient sub = persistent(v, "sub");
        sub.subscribe("cs/t", QoS.AT_LEAST_ONCE);
        sub.disconnect();
        broker.connected(v, "pub").publish("cs/t", "queued", QoS.AT_LEAST_ONCE);
        RawClient fresh = broker.rawClient();
        ConnAck ack = fresh.connect(ConnectBuilder.of(v, "sub").cleanStart(true).build());
        assertThat(ack.sessionPresent()).isFalse();
        fresh.expectNothingFor(QUIET);
        broker.connected(v, "pub2").publish("cs/t", "after", QoS.AT_LEAST_ONCE);
        fresh.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-4.1.0-2][MQTT-3.1.2-23] v5: a session ends when its Session Expiry Interval has passed offline")
    void sessionExpiry_elapsed_sessionGone() {
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("exp").cleanStart(false).sessionExpiry(60).build());
        c.subscribe("exp/t", QoS.AT_LEAST_ONCE);
        c.disconnect();

        broker.clock().advance(Duration.ofSeconds(30));
        broker.broker().runMaintenance();
        RawClient still = broker.rawClient();
        assertThat(still.connect(ConnectBuilder.v5("exp").cleanStart(false).sessionExpiry(60).build()).sessionPresent())
                .as("30 s into a 60 s expiry").isTrue();
        still.disconnect();

        broker.clock().advance(Duration.ofSeconds(61));
        broker.broker().runMaintenance();
        RawClient gone = broker.rawClient();
        assertThat(gone.connect(ConnectBuilder.v5("exp").cleanStart(false).sessionExpiry(60).build()).sessionPresent())
                .as("61 s after the last disconnect").isFalse();
    }

    @Test
    @DisplayName("[3.1.2.11.2] v5: Session Expiry Interval 0 ends the session when the connection closes")
    void sessionExpiryZero_endsAtClose() {
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("zero").cleanStart(false).sessionExpiry(0).build());
        c.subscribe("z/t", QoS.AT_LEAST_ONCE);
        c.disconnect();
        ConnAck ack = broker.rawClient().connect(ConnectBuilder.v5("zero").cleanStart(false).build());
        assertThat(ack.sessionPresent()).isFalse();
    }

    @Test
    @DisplayName("[3.14.2.2.2] v5: the Session Expiry Interval set on DISCONNECT replaces the one from CONNECT")
    void sessionExpiry_changedOnDisconnect() {
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("chg").cleanStart(false).sessionExpiry(3600).build());
        c.subscribe("chg/t", QoS.AT_LEAST_ONCE);
        c.send(new dev.wren.codec.packet.Disconnect(dev.wren.codec.ReasonCode.NORMAL_DISCONNECTION, 10, null, null, java.util.List.of()));
        c.expectClosed();
        broker.clock().advance(Duration.ofSeconds(11));
        broker.broker().runMaintenance();
        ConnAck ack = broker.rawClient().connect(ConnectBuilder.v5("chg").cleanStart(false).sessionExpiry(3600).build());
        assertThat(ack.sessionPresent()).as("expired after the 10 s set on DISCONNECT").isFalse();
    }
}
