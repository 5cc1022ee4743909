package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.RawClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Session takeover: a second connection with the same client id. */
@Timeout(30)
class TakeoverIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    @Test
    @DisplayName("[MQTT-3.1.4-3] v5: the existing connection gets DISCONNECT 0x8E (Session taken over) and is closed")
    void takeover_v5_oldGets0x8E() {
        RawClient old = broker.rawClient();
        old.connectOk(MqttVersion.V5, "same");
        RawClient fresh = broker.rawClient();
        fresh.connectOk(MqttVersion.V5, "same");
        old.expectDisconnect(ReasonCode.SESSION_TAKEN_OVER);
        fresh.send(PingReq.INSTANCE);
        fresh.expect(PingResp.class);
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] (3.1.1) the existing connection is closed")
    void takeover_v311_oldClosed() {
        RawClient old = broker.rawClient();
        old.connectOk(MqttVersion.V3_1_1, "same");
        RawClient fresh = broker.rawClient();
        fresh.connectOk(MqttVersion.V3_1_1, "same");
        old.expectClosed();
        fresh.send(PingReq.INSTANCE);
        fresh.expect(PingResp.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.1.4-3](5.0) [MQTT-3.1.4-2](3.1.1) the taken-over connection's will is published")
    void takeover_willOfOldConnection_published(MqttVersion v) {
        RawClient w = broker.rawClient();
        w.connectOk(v, "watcher");
        w.subscribe("to/#", QoS.AT_MOST_ONCE);
        RawClient old = broker.rawClient();
        old.connect(ConnectBuilder.of(v, "same").will("to/same", "taken", QoS.AT_MOST_ONCE, false).build());
        broker.rawClient().connectOk(v, "same");
        Publish p = w.expect(Publish.class);
        assertThat(p.payload().toUtf8String()).isEqualTo("taken");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.1.4-3](5.0) [MQTT-3.1.4-2](3.1.1) a takeover with Clean Start 0 keeps the session's subscriptions")
    void takeover_cleanStartZero_keepsSubscriptions(MqttVersion v) {
        RawClient old = broker.rawClient();
        old.connect(ConnectBuilder.of(v, "same").cleanStart(false).sessionExpiry(300).build());
        old.subscribe("keep/t", QoS.AT_LEAST_ONCE);
        RawClient fresh = broker.rawClient();
        assertThat(fresh.connect(ConnectBuilder.of(v, "same").cleanStart(false).sessionExpiry(300).build()).sessionPresent())
                .isTrue();
        broker.connected(v, "pub").publish("keep/t", "still", QoS.AT_LEAST_ONCE);
        assertThat(fresh.receive().payload().toUtf8String()).isEqualTo("still");
    }
}
