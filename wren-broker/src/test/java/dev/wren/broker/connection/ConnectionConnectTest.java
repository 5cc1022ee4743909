package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.connect;
import static dev.wren.broker.connection.Harness.connectV5;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.Metric;
import dev.wren.codec.Binary;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionConnectTest {
    private final Harness h = new Harness();

    @Test
    void connect_v5_connAckSuccessWithLimits() {
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        ConnAck ack = (ConnAck) c.take().get(0);
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(ack.sessionPresent()).isFalse();
        assertThat(ack.properties().receiveMaximum()).isEqualTo(h.config.receiveMaximum());
        assertThat(ack.properties().topicAliasMaximum()).isEqualTo(h.config.topicAliasMaximum());
        assertThat(c.transport.keepAliveMillis).isEqualTo(90_000); // 1.5 x 60 s
    }

    @Test
    void firstPacket_notConnect_closesWithoutAnswer() {
        Harness.Client c = h.client().send(PingReq.INSTANCE);
        assertThat(c.take()).isEmpty();
        assertThat(c.closed()).isTrue();
    }

    @Test
    void secondConnect_disconnectsWithProtocolError() {
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        c.take();
        c.send(connectV5("a", true, 0));
        assertThat(c.take()).containsExactly(new Disconnect(ReasonCode.PROTOCOL_ERROR, "second CONNECT [MQTT-3.1.0-2]"));
        assertThat(c.closed()).isTrue();
    }

    @Test
    void emptyClientId_v5_assignsClientIdentifier() {
        Harness.Client c = h.client().send(connectV5("", true, 0));
        ConnAck ack = (ConnAck) c.take().get(0);
        assertThat(ack.properties().assignedClientIdentifier()).startsWith("wren-");
    }

    @Test
    void emptyClientId_v311WithoutCleanSession_refusedWithIdentifierRejected() {
        Harness.Client c = h.client().send(connect(MqttVersion.V3_1_1, "", false));
        assertThat(c.take()).containsExactly(new ConnAck(false, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID));
        assertThat(c.closed()).isTrue();
    }

    @Test
    void pingReq_answeredWithPingResp() {
        Harness.Client c = h.client().send(connect(MqttVersion.V3_1_1, "a", true));
        c.take();
        c.send(PingReq.INSTANCE);
        assertThat(c.take()).containsExactly(PingResp.INSTANCE);
    }

    @Test
    void sameClientId_takesOverWithDisconnect0x8E_andSessionPresent() {
        Harness.Client first = h.client().send(connectV5("a", false, 100));
        first.take();
        Harness.Client second = h.client().send(connectV5("a", false, 100));
        assertThat(first.take()).containsExactly(new Disconnect(ReasonCode.SESSION_TAKEN_OVER));
        assertThat(first.closed()).isTrue();
        ConnAck ack = (ConnAck) second.take().get(0);
        assertThat(ack.sessionPresent()).isTrue();
        assertThat(h.metrics.get(Metric.SESSIONS_TAKEN_OVER)).isEqualTo(1);
    }

    @Test
    void cleanStart_discardsSession_sessionPresentFalse() {
        h.client().send(connectV5("a", false, 100)).drop();
        ConnAck ack = (ConnAck) h.client().send(connectV5("a", true, 100)).take().get(0);
        assertThat(ack.sessionPresent()).isFalse();
    }

    @Test
    void sessionExpiry_offlineSessionEndsWhenClockPassesExpiry() {
        h.client().send(connectV5("a", false, 10)).drop();
        h.advance(java.time.Duration.ofSeconds(9));
        h.maintain();
        assertThat(h.sessions.get("a")).isNotNull();
        h.advance(java.time.Duration.ofSeconds(2));
        h.maintain();
        assertThat(h.sessions.get("a")).isNull();
        assertThat(h.metrics.get(Metric.SESSIONS_EXPIRED)).isEqualTo(1);
    }

    @Test
    void disconnect_settingExpiryAfterZero_isProtocolError() {
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        c.take();
        c.send(new Disconnect(ReasonCode.NORMAL_DISCONNECTION, 30, null, null, List.of()));
        assertThat(((Disconnect) c.take().get(0)).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void disconnect_changesExpiry_sessionKept() {
        Harness.Client c = h.client().send(connectV5("a", true, 5));
        c.send(new Disconnect(ReasonCode.NORMAL_DISCONNECTION, 1000, null, null, List.of()));
        h.advance(java.time.Duration.ofSeconds(100));
        h.maintain();
        assertThat(h.sessions.get("a")).isNotNull();
    }

    @Test
    void malformed_v5_disconnects0x81() {
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        c.take();
        c.transport.loop.run(() -> c.connection.onMalformed(MalformedPacketException.malformed("bad")));
        assertThat(c.take()).containsExactly(new Disconnect(ReasonCode.MALFORMED_PACKET, "bad"));
        assertThat(c.closed()).isTrue();
    }

    @Test
    void malformed_v311_closesWithoutPacket() {
        Harness.Client c = h.client().send(connect(MqttVersion.V3_1_1, "a", true));
        c.take();
        c.transport.loop.run(() -> c.connection.onMalformed(MalformedPacketException.malformed("bad")));
        assertThat(c.take()).isEmpty();
        assertThat(c.closed()).isTrue();
    }

    @Test
    void unsupportedProtocolVersion_answeredWithConnAck0x84() {
        Harness.Client c = h.client();
        c.transport.loop.run(() -> c.connection.onMalformed(
                new MalformedPacketException(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, "level 6")));
        assertThat(c.take()).containsExactly(new ConnAck(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION));
        assertThat(c.closed()).isTrue();
    }

    @Test
    void keepAliveTimeout_disconnects0x8D() {
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        c.take();
        c.transport.loop.run(c.connection::onKeepAliveTimeout);
        assertThat(c.take()).containsExactly(new Disconnect(ReasonCode.KEEP_ALIVE_TIMEOUT, "keep alive timeout"));
    }

    @Test
    void keepAliveAboveMaximum_v5_serverKeepAliveAnnounced() {
        Harness hh = new Harness(BrokerConfig.builder().maxKeepAlive(30).build());
        Connect c = new Connect(MqttVersion.V5, "a", true, 120, null, null, null, ConnectProperties.DEFAULT);
        Harness.Client client = hh.client().send(c);
        ConnAck ack = (ConnAck) client.take().get(0);
        assertThat(ack.properties().serverKeepAlive()).isEqualTo(30);
        assertThat(client.transport.keepAliveMillis).isEqualTo(45_000);
    }

    @Test
    void badPassword_refusedWith0x86() {
        Harness hh = new Harness(BrokerConfig.builder().allowAnonymous(false).users(Map.of("u", "p")).build());
        Connect c = new Connect(MqttVersion.V5, "a", true, 60, "u", Binary.utf8("x"), null, ConnectProperties.DEFAULT);
        assertThat(hh.client().send(c).take()).containsExactly(new ConnAck(false, ReasonCode.BAD_USER_NAME_OR_PASSWORD));
        Connect ok = new Connect(MqttVersion.V5, "a", true, 60, "u", Binary.utf8("p"), null, ConnectProperties.DEFAULT);
        assertThat(((ConnAck) hh.client().send(ok).take().get(0)).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
    }

    @Test
    void anonymousNotAllowed_refusedWith0x87() {
        Harness hh = new Harness(BrokerConfig.builder().allowAnonymous(false).build());
        assertThat(hh.client().send(connectV5("a", true, 0)).take())
                .containsExactly(new ConnAck(false, ReasonCode.NOT_AUTHORIZED));
    }

    @Test
    void unknownAuthenticationMethod_refusedWith0x8C() {
        ConnectProperties p = new ConnectProperties(0, 65535, 0, 0, false, true, List.of(), "SCRAM-SHA-1", null);
        Connect c = new Connect(MqttVersion.V5, "a", true, 60, null, null, null, p);
        assertThat(h.client().send(c).take()).containsExactly(new ConnAck(false, ReasonCode.BAD_AUTHENTICATION_METHOD));
    }
}
