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
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keep alive: the server closes a silent connection after 1.5 x Keep Alive. Time is the broker's
 * injected clock, moved by the test; the broker checks it every 250 ms of real time, so each
 * step waits a little real time for that check, never the keep alive itself.
 */
@Timeout(30)
class KeepAliveIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.1.2-22](5.0) [MQTT-3.1.2-24](3.1.1) a silent client is disconnected after 1.5 x Keep Alive (0x8D in v5) and its will is published")
    void keepAlive_silent_disconnectedAndWillPublished(MqttVersion v) {
        RawClient w = broker.rawClient();
        w.connectOk(v, "watcher");
        w.subscribe("ka/#", QoS.AT_MOST_ONCE);

        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.of(v, "silent").keepAlive(10).will("ka/silent", "timeout", QoS.AT_MOST_ONCE, false).build());
        broker.clock().advance(Duration.ofMillis(14_900));
        c.expectNothingFor(Duration.ofMillis(700)); // not before 1.5 x keep alive
        broker.clock().advance(Duration.ofMillis(200));
        c.expectDisconnect(ReasonCode.KEEP_ALIVE_TIMEOUT); // within RawClient.TIMEOUT of real time
        Publish p = w.expect(Publish.class);
        assertThat(p.payload().toUtf8String()).isEqualTo("timeout");
    }

    @Test
    @DisplayName("[MQTT-3.12.4-1] PINGREQs within the keep alive keep the connection open")
    void keepAlive_pings_keepConnectionOpen() {
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("pinger").keepAlive(10).build());
        for (int i = 0; i < 5; i++) {
            broker.clock().advance(Duration.ofSeconds(14)); // each time close to, but inside, 1.5 x 10 s
            c.send(PingReq.INSTANCE);
            c.expect(PingResp.class);
        }
        c.expectNothingFor(Duration.ofMillis(700)); // 70 s in all: the pings kept it open
    }

    @Test
    @DisplayName("[3.1.2.10] Keep Alive 0 disables the mechanism")
    void keepAliveZero_noTimeout() {
        RawClient c = broker.rawClient();
        c.connect(ConnectBuilder.v5("forever").keepAlive(0).build());
        broker.clock().advance(Duration.ofDays(2));
        c.expectNothingFor(Duration.ofMillis(1000));
    }
}
