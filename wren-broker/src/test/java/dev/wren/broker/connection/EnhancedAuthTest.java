package dev.wren.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.security.AuthExchange;
import dev.wren.broker.security.AuthRequest;
import dev.wren.broker.security.AuthResult;
import dev.wren.broker.security.Authenticator;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnhancedAuthTest {
    /** Challenge-response: the server answers "challenge", the client must answer "secret". */
    private static final Authenticator CHALLENGE = new Authenticator() {
        @Override
        public AuthResult authenticate(AuthRequest request) {
            return AuthResult.failure(ReasonCode.NOT_AUTHORIZED);
        }

        @Override
        public AuthExchange startExchange(String method, AuthRequest request) {
            if (!method.equals("TEST")) {
                return null;
            }
            return new AuthExchange() {
                @Override
                public AuthResult start(Binary data) {
                    return AuthResult.continueWith(Binary.utf8("challenge"));
                }

                @Override
                public AuthResult next(Binary data) {
                    return data.equals(Binary.utf8("secret")) ? AuthResult.success(Binary.utf8("welcome"))
                            : AuthResult.failure(ReasonCode.NOT_AUTHORIZED);
                }
            };
        }
    };

    private final Harness h = new Harness(BrokerConfig.builder().build(), CHALLENGE);

    private static Connect connect() {
        ConnectProperties p = new ConnectProperties(0, 65535, 0, 0, false, true, List.of(), "TEST", Binary.utf8("hi"));
        return new Connect(MqttVersion.V5, "a", true, 60, null, null, null, p);
    }

    @Test
    void connect_challengeResponse_connAckCarriesMethodAndData() {
        Harness.Client c = h.client().send(connect());
        assertThat(c.take()).containsExactly(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST",
                Binary.utf8("challenge")));
        c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST", Binary.utf8("secret")));
        ConnAck ack = (ConnAck) c.take().get(0);
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(ack.properties().authenticationMethod()).isEqualTo("TEST");
        assertThat(ack.properties().authenticationData()).isEqualTo(Binary.utf8("welcome"));
    }

    @Test
    void connect_wrongResponse_connAck0x87() {
        Harness.Client c = h.client().send(connect());
        c.take();
        c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST", Binary.utf8("guess")));
        assertThat(c.take()).containsExactly(new ConnAck(false, ReasonCode.NOT_AUTHORIZED));
        assertThat(c.closed()).isTrue();
    }

    @Test
    void reauthentication_success_thenFailureDisconnects() {
        Harness.Client c = h.client().send(connect());
        c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST", Binary.utf8("secret")));
        c.take();
        c.send(new Auth(ReasonCode.RE_AUTHENTICATE, "TEST", Binary.EMPTY));
        assertThat(c.take()).containsExactly(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST",
                Binary.utf8("challenge")));
        c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST", Binary.utf8("secret")));
        assertThat(c.take()).containsExactly(new Auth(ReasonCode.SUCCESS, "TEST", Binary.utf8("welcome")));
        c.send(new Auth(ReasonCode.RE_AUTHENTICATE, "TEST", Binary.EMPTY));
        c.take();
        c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST", Binary.utf8("nope")));
        assertThat(((Disconnect) c.take().get(0)).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void reauthentication_withOtherMethod_isProtocolError() {
        Harness.Client c = h.client().send(connect());
        c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "TEST", Binary.utf8("secret")));
        c.take();
        c.send(new Auth(ReasonCode.RE_AUTHENTICATE, "OTHER", Binary.EMPTY));
        assertThat(((Disconnect) c.take().get(0)).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }
}
