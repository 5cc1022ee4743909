package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broker with Maximum QoS 1 and no retained messages: refusals at CONNECT and PUBLISH. */
@Timeout(30)
class CapabilityRefusalsIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.maxQos(1).retainAvailable(false));

    @Test
    @DisplayName("[MQTT-3.2.2-12] v5: a will with QoS above Maximum QoS is refused (CONNACK 0x9B) and the connection closed")
    void willQosAboveMaximum_refused() {
        RawClient c = broker.rawClient();
        ConnAck ack = c.connect(ConnectBuilder.v5("w").will("w/t", "x", QoS.EXACTLY_ONCE, false).build());
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.QOS_NOT_SUPPORTED);
        c.expectClosed();
    }

    @Test
    @DisplayName("[MQTT-3.2.2-13] v5: a will with Will Retain when retain is unavailable is refused (CONNACK 0x9A)")
    void willRetainUnavailable_refused() {
        RawClient c = broker.rawClient();
        ConnAck ack = c.connect(ConnectBuilder.v5("w").will("w/t", "x", QoS.AT_MOST_ONCE, true).build());
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.RETAIN_NOT_SUPPORTED);
        c.expectClosed();
    }

    @Test
    @DisplayName("[3.2.2.3.5] v5: CONNACK announces Retain Available 0; a retained PUBLISH then gets DISCONNECT 0x9A")
    void retainedPublish_whenUnavailable_disconnect0x9A() {
        RawClient c = broker.rawClient();
        ConnAck ack = c.connectOk(MqttVersion.V5, "r");
        assertThat(ack.properties().retainAvailable()).isFalse();
        c.send(Packets.retained("r/t", "x", QoS.AT_MOST_ONCE, 0));
        c.expectDisconnect(ReasonCode.RETAIN_NOT_SUPPORTED);
    }

    @Test
    @DisplayName("[MQTT-3.2.2-10] v5: SUBSCRIBE requesting QoS 2 is still accepted (granted 1)")
    void subscribeQos2_stillAccepted() {
        RawClient c = broker.connected(MqttVersion.V5, "s");
        assertThat(c.subscribe("s/t", QoS.EXACTLY_ONCE).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
    }
}
