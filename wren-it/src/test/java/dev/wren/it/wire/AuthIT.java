package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.RawClient;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Username/password authentication and the CONNACK refusals. */
@Timeout(30)
class AuthIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.allowAnonymous(false).users(Map.of("alice", "secret")));

    private ConnAck refusedThenClosed(RawClient c, ConnectBuilder b) {
        ConnAck ack = c.connect(b.build());
        assertThat(ack.sessionPresent()).as("Session Present with an error code [MQTT-3.2.2-6] (3.1.1: [MQTT-3.2.2-4])").isFalse();
        c.expectClosed();
        return ack;
    }

    @Test
    @DisplayName("[MQTT-3.1.4-5](5.0) [MQTT-3.1.4-4](3.1.1) good credentials are accepted")
    void goodCredentials_accepted() {
        assertThat(broker.rawClient().connect(ConnectBuilder.v5("a").credentials("alice", "secret").build()).reasonCode())
                .isEqualTo(ReasonCode.SUCCESS);
        assertThat(broker.rawClient().connect(ConnectBuilder.v311("b").credentials("alice", "secret").build()).reasonCode())
                .isEqualTo(ReasonCode.SUCCESS);
    }

    @Test
    @DisplayName("[MQTT-3.2.2-7] v5: a wrong password gets CONNACK 0x86 (or 0x87) and the connection is closed")
    void wrongPassword_v5_refused() {
        ConnAck ack = refusedThenClosed(broker.rawClient(), ConnectBuilder.v5("a").credentials("alice", "nope"));
        assertThat(ack.reasonCode()).isIn(ReasonCode.BAD_USER_NAME_OR_PASSWORD, ReasonCode.NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("[MQTT-3.2.2-5] (3.1.1) a wrong password gets return code 4 (or 5) and the connection is closed")
    void wrongPassword_v311_refused() {
        RawClient c = broker.rawClient();
        c.send(ConnectBuilder.v311("a").credentials("alice", "nope").build());
        byte[] frame = c.readFrame();
        assertThat(frame).isNotNull();
        assertThat(frame.length).as("3.1.1 CONNACK is 4 bytes").isEqualTo(4);
        assertThat(frame[3]).isIn((byte) 4, (byte) 5);
        c.expectClosed();
    }

    @Test
    @DisplayName("[MQTT-3.2.2-7] v5: an anonymous client is refused when anonymous access is off (0x87 or 0x86)")
    void anonymous_refused() {
        ConnAck ack = refusedThenClosed(broker.rawClient(), ConnectBuilder.v5("anon"));
        assertThat(ack.reasonCode()).isIn(ReasonCode.NOT_AUTHORIZED, ReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    @DisplayName("[MQTT-3.1.4-6] a refused client's PUBLISH sent right after CONNECT is not processed")
    void refused_followingPacketsIgnored() {
        RawClient watcher = broker.rawClient();
        watcher.connect(ConnectBuilder.v5("w").credentials("alice", "secret").build());
        watcher.subscribe("auth/#", dev.wren.codec.QoS.AT_MOST_ONCE);
        RawClient bad = broker.rawClient();
        bad.send(ConnectBuilder.v5("bad").credentials("alice", "nope").build());
        bad.send(dev.wren.it.kit.Packets.publish("auth/leak", "x", dev.wren.codec.QoS.AT_MOST_ONCE, 0));
        assertThat(bad.expect(ConnAck.class).reasonCode().isError()).isTrue();
        bad.expectClosed();
        watcher.expectNothingFor(java.time.Duration.ofMillis(300));
    }

    @Test
    @DisplayName("[4.12] v5: an unsupported Authentication Method gets CONNACK 0x8C (or 0x87) and a close")
    void unsupportedAuthMethod_refused() {
        ConnAck ack = refusedThenClosed(broker.rawClient(),
                ConnectBuilder.v5("m").credentials("alice", "secret").authenticationMethod("NO-SUCH-METHOD"));
        assertThat(ack.reasonCode()).isIn(ReasonCode.BAD_AUTHENTICATION_METHOD, ReasonCode.NOT_AUTHORIZED);
    }
}
