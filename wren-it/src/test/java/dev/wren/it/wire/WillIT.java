package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Will;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Will messages: when they are published, and with what. */
@Timeout(30)
class WillIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maintenanceIntervalMillis(0));

    private RawClient watcher(MqttVersion v, String filter) {
        RawClient w = broker.rawClient();
        w.connectOk(v, "watcher");
        w.subscribe(filter, QoS.AT_LEAST_ONCE);
        return w;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1", "V5"})
    @DisplayName("[MQTT-3.1.2-7][MQTT-3.1.2-8][MQTT-3.1.2-14](5.0) [MQTT-3.1.2-8][MQTT-3.1.2-16](3.1.1) the will is published (non-retained) when the connection closes without DISCONNECT")
    void will_connectionDropped_published(MqttVersion v) {
        RawClient w = watcher(v, "will/#");
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.of(v, "dying").will("will/dying", "gone", QoS.AT_LEAST_ONCE, false).build());
        c.close();
        Publish p = w.receive();
        assertThat(p.topic()).isEqualTo("will/dying");
        assertThat(p.payload().toUtf8String()).isEqualTo("gone");
        assertThat(p.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(p.retain()).as("Will Retain 0 [MQTT-3.1.2-14] (3.1.1: [MQTT-3.1.2-16])").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.1.2-10][MQTT-3.14.4-3] the will is discarded on a normal DISCONNECT")
    void will_normalDisconnect_notPublished(MqttVersion v) {
        RawClient w = watcher(v, "will/#");
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.of(v, "polite").will("will/polite", "gone", QoS.AT_LEAST_ONCE, false).build());
        c.disconnect();
        w.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[3.14.2.1] v5: DISCONNECT 0x04 (Disconnect with Will Message) publishes the will")
    void will_disconnectWithWill_published() {
        RawClient w = watcher(MqttVersion.V5, "will/#");
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("w04").will("will/w04", "bye", QoS.AT_MOST_ONCE, false).build());
        c.send(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE));
        c.expectClosed();
        assertThat(w.receive().payload().toUtf8String()).isEqualTo("bye");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] v5: a protocol error by the client publishes its will")
    void will_protocolError_published() {
        RawClient w = watcher(MqttVersion.V5, "will/#");
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("bad").will("will/bad", "err", QoS.AT_MOST_ONCE, false).build());
        c.sendHex("36 06 00 01 74 00 01 00"); // QoS 3 PUBLISH: malformed
        c.expectDisconnect(ReasonCode.MALFORMED_PACKET);
        assertThat(w.receive().payload().toUtf8String()).isEqualTo("err");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.1.2-15](5.0) [MQTT-3.1.2-17](3.1.1) a will with Will Retain 1 is published as a retained message")
    void will_retain_storedAsRetained(MqttVersion v) {
        RawClient w = watcher(v, "will/#");
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.of(v, "rw").will("will/retained", "last", QoS.AT_MOST_ONCE, true).build());
        c.close();
        assertThat(w.receive().payload().toUtf8String()).as("will published").isEqualTo("last");
        RawClient late = broker.rawClient();
        late.connectOk(v, "late");
        late.subscribe("will/retained", QoS.AT_MOST_ONCE);
        Publish p = late.expect(Publish.class);
        assertThat(p.retain()).isTrue();
        assertThat(p.payload().toUtf8String()).isEqualTo("last");
    }

    @Test
    @DisplayName("[MQTT-3.3.2-15..20] v5: will properties (content type, response topic, correlation data, user properties) are forwarded")
    void will_properties_forwarded() {
        RawClient w = watcher(MqttVersion.V5, "will/#");
        PublishProperties props = new PublishProperties(true, -1, "text/plain", "reply/here", Binary.utf8("corr"),
                List.of(new UserProperty("k", "1"), new UserProperty("k", "2")));
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("wp").will(new Will("will/props", Binary.utf8("p"), QoS.AT_MOST_ONCE, false, 0, props)).build());
        c.close();
        Publish p = w.receive();
        assertThat(p.properties().contentType()).isEqualTo("text/plain");
        assertThat(p.properties().responseTopic()).isEqualTo("reply/here");
        assertThat(p.properties().correlationData()).isEqualTo(Binary.utf8("corr"));
        assertThat(p.properties().userProperties()).containsExactly(new UserProperty("k", "1"), new UserProperty("k", "2"));
        assertThat(p.properties().payloadUtf8()).isTrue();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8][3.1.3.2.2] v5: a will with Will Delay Interval is published only after the delay")
    void willDelay_elapsed_published() {
        RawClient w = watcher(MqttVersion.V5, "will/#");
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("delayed").cleanStart(false).sessionExpiry(3600)
                .will("will/delayed", "late", QoS.AT_MOST_ONCE, false, 30).build());
        c.close();
        broker.awaitConnections(1); // the broker has seen the close: the delay runs from now
        w.expectNothingFor(QUIET);
        broker.clock().advance(Duration.ofSeconds(31));
        broker.broker().runMaintenance();
        assertThat(w.receive().payload().toUtf8String()).isEqualTo("late");
    }

    @Test
    @DisplayName("[MQTT-3.1.3-9] v5: reconnecting before the Will Delay Interval ends cancels the will")
    void willDelay_reconnectInTime_cancelled() {
        RawClient w = watcher(MqttVersion.V5, "will/#");
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("back").cleanStart(false).sessionExpiry(3600)
                .will("will/back", "never", QoS.AT_MOST_ONCE, false, 30).build());
        c.close();
        broker.awaitConnections(1);
        broker.clock().advance(Duration.ofSeconds(10));
        broker.broker().runMaintenance();
        RawClient again = broker.rawClient();
        again.connect(ConnectBuilder.v5("back").cleanStart(false).sessionExpiry(3600).build());
        broker.clock().advance(Duration.ofSeconds(60));
        broker.broker().runMaintenance();
        w.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8][3.1.3.2.2] v5: the will is published when the session ends, if that is before the Will Delay Interval")
    void willDelay_sessionEndsFirst_published() {
        RawClient w = watcher(MqttVersion.V5, "will/#");
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("short").cleanStart(false).sessionExpiry(5)
                .will("will/short", "ended", QoS.AT_MOST_ONCE, false, 300).build());
        c.close();
        broker.awaitConnections(1);
        w.expectNothingFor(QUIET);
        broker.clock().advance(Duration.ofSeconds(6));
        broker.broker().runMaintenance();
        assertThat(w.receive().payload().toUtf8String()).isEqualTo("ended");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.1.2-12](3.1.1) without the Will Flag nothing is published when the connection drops")
    void noWillFlag_nothingPublished(MqttVersion v) {
        RawClient w = watcher(v, "#");
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.of(v, "nowill").build());
        c.close();
        broker.awaitConnections(1);
        w.expectNothingFor(QUIET);
    }

    @Test
    @DisplayName("[MQTT-4.5.0-1][MQTT-3.1.2-8] a QoS 1 will reaches an offline persistent subscriber when it comes back")
    void will_toOfflinePersistentSubscriber_queued() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("later").cleanStart(false).sessionExpiry(600).build());
        sub.subscribe("will/#", QoS.AT_LEAST_ONCE);
        sub.disconnect();
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("dying").will("will/dying", "gone", QoS.AT_LEAST_ONCE, false).build());
        c.close();
        broker.awaitConnections(0);
        RawClient back = broker.rawClient();
        assertThat(back.connect(ConnectBuilder.v5("later").cleanStart(false).sessionExpiry(600).build()).sessionPresent()).isTrue();
        Publish p = back.receive();
        assertThat(p.payload().toUtf8String()).isEqualTo("gone");
        assertThat(p.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
    }
}
