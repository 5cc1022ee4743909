package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.security.AuthExchange;
import dev.wren.broker.security.AuthRequest;
import dev.wren.broker.security.AuthResult;
import dev.wren.broker.security.Authenticator;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.PubAck;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.Packets;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MQTT 5.0 enhanced authentication (section 4.12) over a socket, with a test-only
 * challenge-response {@link Authenticator} plugged in through the embedding SPI
 * ({@code BrokerConfig.authenticator}): method {@value #METHOD}; the client's first data must be
 * {@code hello}, the server answers AUTH 0x18 with {@code challenge-N} (a new N per exchange),
 * the client must answer {@code answer:challenge-N}; success carries {@code welcome <clientId>}.
 * Clients without an Authentication Method are accepted (plain authentication).
 */
@Timeout(30)
class EnhancedAuthIT {
    static final String METHOD = "TEST-CHALLENGE";

    private final AtomicInteger exchanges = new AtomicInteger();

    /** One challenge-response conversation. */
    private final class ChallengeExchange implements AuthExchange {
        private final AuthRequest request;
        private String challenge;

        ChallengeExchange(AuthRequest request) {
            this.request = request;
        }

        @Override
        public AuthResult start(Binary data) {
            if (data == null || !data.toUtf8String().equals("hello")) {
                return AuthResult.failure(ReasonCode.NOT_AUTHORIZED);
            }
            challenge = "challenge-" + exchanges.incrementAndGet();
            return AuthResult.continueWith(Binary.utf8(challenge));
        }

        @Override
        public AuthResult next(Binary data) {
            if (data != null && data.toUtf8String().equals("answer:" + challenge)) {
                return AuthResult.success(Binary.utf8("welcome " + request.clientId()));
            }
            return AuthResult.failure(ReasonCode.NOT_AUTHORIZED);
        }
    }

    private final Authenticator challengeAuthenticator = new Authenticator() {
        @Override
        public AuthResult authenticate(AuthRequest request) {
            return AuthResult.success();
        }

        @Override
        public AuthExchange startExchange(String method, AuthRequest request) {
            return METHOD.equals(method) ? new ChallengeExchange(request) : null;
        }
    };

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.authenticator(challengeAuthenticator));

    private static Connect connect(String clientId, String method, String data) {
        ConnectProperties props = new ConnectProperties(0, 65535, 0, 0, false, true, List.of(), method,
                data == null ? null : Binary.utf8(data));
        return new Connect(MqttVersion.V5, clientId, true, 60, null, null, null, props);
    }

    /** Sends CONNECT with {@value #METHOD} and returns the server's first AUTH (asserted 0x18 with the method). */
    private static String challengeOnConnect(RawClient c, String clientId) {
        c.send(connect(clientId, METHOD, "hello"));
        return expectContinue(c);
    }

    private static String expectContinue(RawClient c) {
        Auth auth = c.expect(Auth.class);
        assertThat(auth.reasonCode()).as("server AUTH during authentication [MQTT-4.12.0-2]")
                .isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION);
        assertThat(auth.authenticationMethod()).as("same Authentication Method [MQTT-4.12.0-5]").isEqualTo(METHOD);
        assertThat(auth.authenticationData()).isNotNull();
        return auth.authenticationData().toUtf8String();
    }

    private static Auth answer(String challenge) {
        return new Auth(ReasonCode.CONTINUE_AUTHENTICATION, METHOD, Binary.utf8("answer:" + challenge));
    }

    /** Connects through the whole challenge-response exchange and returns the CONNACK. */
    private static ConnAck connectAuthenticated(RawClient c, String clientId) {
        String challenge = challengeOnConnect(c, clientId);
        c.send(answer(challenge));
        ConnAck ack = c.expect(ConnAck.class);
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return ack;
    }

    private static void pingPong(RawClient c) {
        c.send(PingReq.INSTANCE);
        c.expect(PingResp.class);
    }

    @Test
    @DisplayName("[MQTT-4.12.0-2] [MQTT-4.12.0-5] v5: CONNECT with an Authentication Method -> AUTH 0x18 challenge -> AUTH 0x18 answer -> CONNACK 0x00 with the method and the final data")
    void connect_challengeResponse_success() {
        RawClient c = broker.rawClient();
        String challenge = challengeOnConnect(c, "ea");
        assertThat(challenge).startsWith("challenge-");
        c.send(answer(challenge));
        ConnAck ack = c.expect(ConnAck.class);
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(ack.properties().authenticationMethod()).as("[MQTT-4.12.0-5]").isEqualTo(METHOD);
        assertThat(ack.properties().authenticationData()).isEqualTo(Binary.utf8("welcome ea"));
        c.send(Packets.publish("ea/t", "x", QoS.AT_LEAST_ONCE, 1));
        assertThat(c.expect(PubAck.class).packetId()).as("the connection works after the exchange").isEqualTo(1);
    }

    @Test
    @DisplayName("[MQTT-4.12.0-4] v5: a wrong answer to the challenge gets CONNACK 0x87 (the Authenticator's reason) and the connection is closed")
    void connect_wrongAnswer_connAck0x87_closed() {
        RawClient c = broker.rawClient();
        challengeOnConnect(c, "ea");
        c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, METHOD, Binary.utf8("answer:wrong")));
        ConnAck ack = c.expect(ConnAck.class);
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(ack.sessionPresent()).as("[MQTT-3.2.2-6]").isFalse();
        c.expectClosed();
    }

    @Test
    @DisplayName("[MQTT-4.12.0-1] v5: an Authentication Method the Authenticator does not support gets CONNACK 0x8C and a close")
    void connect_unknownMethod_connAck0x8C_closed() {
        RawClient c = broker.rawClient();
        c.send(connect("ea", "NO-SUCH-METHOD", "hello"));
        ConnAck ack = c.expect(ConnAck.class);
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD);
        c.expectClosed();
    }

    @Test
    @DisplayName("[MQTT-4.12.0-5] v5: an AUTH with another Authentication Method during the CONNECT exchange gets CONNACK 0x82 and a close")
    void connect_answerWithOtherMethod_connAck0x82_closed() {
        RawClient c = broker.rawClient();
        String challenge = challengeOnConnect(c, "ea");
        c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "OTHER", Binary.utf8("answer:" + challenge)));
        assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        c.expectClosed();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-30] (client-side; the server's reaction) v5: a PUBLISH before the exchange completed gets CONNACK 0x82, a close, and is not delivered")
    void connect_publishDuringExchange_refused_notDelivered() {
        RawClient watcher = broker.connected(MqttVersion.V5, "watcher");
        watcher.subscribe("#", QoS.AT_MOST_ONCE);
        RawClient c = broker.rawClient();
        challengeOnConnect(c, "ea");
        c.send(Packets.publish("ea/leak", "x", QoS.AT_MOST_ONCE, 0));
        assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        c.expectClosed();
        watcher.expectNothingFor(Duration.ofMillis(300));
    }

    @Test
    @DisplayName("[MQTT-4.12.1-1] [MQTT-4.12.0-2] [MQTT-4.12.0-5] v5: re-authentication: AUTH 0x19 -> AUTH 0x18 challenge -> AUTH 0x18 answer -> AUTH 0x00, other packets flow meanwhile, connection kept")
    void reauthentication_success() {
        RawClient c = broker.rawClient();
        connectAuthenticated(c, "ea");
        c.send(new Auth(ReasonCode.RE_AUTHENTICATE, METHOD, Binary.utf8("hello")));
        String challenge = expectContinue(c);
        assertThat(challenge).as("a new exchange, a new challenge").isEqualTo("challenge-2");
        pingPong(c); // 4.12.1: the connection goes on during re-authentication
        c.send(answer(challenge));
        Auth done = c.expect(Auth.class);
        assertThat(done.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(done.authenticationMethod()).as("[MQTT-4.12.0-5]").isEqualTo(METHOD);
        assertThat(done.authenticationData()).isEqualTo(Binary.utf8("welcome ea"));
        c.send(Packets.publish("ea/t", "x", QoS.AT_LEAST_ONCE, 1));
        assertThat(c.expect(PubAck.class).packetId()).isEqualTo(1);
        // and it can be repeated
        c.send(new Auth(ReasonCode.RE_AUTHENTICATE, METHOD, Binary.utf8("hello")));
        c.send(answer(expectContinue(c)));
        assertThat(c.expect(Auth.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
    }

    @Test
    @DisplayName("[MQTT-4.12.1-2] v5: a failed re-authentication gets DISCONNECT 0x87 and the connection is closed")
    void reauthentication_wrongAnswer_disconnect0x87() {
        RawClient c = broker.rawClient();
        connectAuthenticated(c, "ea");
        c.send(new Auth(ReasonCode.RE_AUTHENTICATE, METHOD, Binary.utf8("hello")));
        expectContinue(c);
        c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, METHOD, Binary.utf8("answer:wrong")));
        c.expectDisconnect(ReasonCode.NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("[MQTT-4.12.1-1] [MQTT-4.12.0-5] v5: re-authentication with another Authentication Method is a protocol error: DISCONNECT 0x82 and close")
    void reauthentication_otherMethod_disconnect0x82() {
        RawClient c = broker.rawClient();
        connectAuthenticated(c, "ea");
        c.send(new Auth(ReasonCode.RE_AUTHENTICATE, "OTHER", Binary.utf8("hello")));
        Disconnect d = c.expectDisconnect(ReasonCode.PROTOCOL_ERROR);
        assertThat(d).isNotNull();
    }
}
