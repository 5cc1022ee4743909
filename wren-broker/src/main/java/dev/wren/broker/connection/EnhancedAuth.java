package dev.wren.broker.connection;

import dev.wren.broker.metrics.Metric;
import dev.wren.broker.security.AuthExchange;
import dev.wren.broker.security.AuthRequest;
import dev.wren.broker.security.AuthResult;
import dev.wren.codec.Binary;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;

/**
 * MQTT 5.0 enhanced authentication (section 4.12) for one connection: the AUTH exchange during
 * CONNECT and re-authentication afterwards, driven by the configured
 * {@link dev.wren.broker.security.Authenticator}.
 *
 * <p>Thread confinement: the connection's loop.
 */
final class EnhancedAuth {
    private final Connection conn;
    private final BrokerContext ctx;
    private String method;
    private AuthRequest request;
    private AuthExchange exchange;
    private boolean reauthenticating;

    EnhancedAuth(Connection conn, BrokerContext ctx) {
        this.conn = conn;
        this.ctx = ctx;
    }

    /** The Authentication Method of CONNECT, or {@code null} if the client uses none. */
    String method() {
        return method;
    }

    void startConnect(String authMethod, Binary data, AuthRequest authRequest) {
        this.method = authMethod;
        this.request = authRequest;
        this.exchange = ctx.authenticator().startExchange(authMethod, authRequest);
        if (exchange == null) {
            conn.onAuthResult(AuthResult.failure(ReasonCode.BAD_AUTHENTICATION_METHOD));
            return;
        }
        conn.onAuthResult(exchange.start(data));
    }

    /** A packet while CONNECT authentication is in progress: only AUTH 0x18 or DISCONNECT make sense. */
    void onConnectPhase(MqttPacket packet) {
        if (packet instanceof Auth a && a.reasonCode() == ReasonCode.CONTINUE_AUTHENTICATION
                && method.equals(a.authenticationMethod())) {
            conn.onAuthResult(exchange.next(a.authenticationData()));
        } else if (packet instanceof Disconnect) {
            conn.transport().close();
        } else {
            conn.onAuthResult(AuthResult.failure(ReasonCode.PROTOCOL_ERROR));
        }
    }

    /** AUTH after CONNACK: re-authentication [MQTT-4.12.1-1]. */
    void onReauth(Auth a) {
        if (method == null || !method.equals(a.authenticationMethod())) {
            conn.protocolError("AUTH without, or with another, Authentication Method than CONNECT [MQTT-4.12.0-5] [MQTT-4.12.0-7]");
            return;
        }
        AuthResult r;
        if (a.reasonCode() == ReasonCode.RE_AUTHENTICATE && !reauthenticating) {
            exchange = ctx.authenticator().startExchange(method, request);
            if (exchange == null) {
                conn.disconnect(ReasonCode.BAD_AUTHENTICATION_METHOD, "authentication method no longer supported");
                return;
            }
            reauthenticating = true;
            r = exchange.start(a.authenticationData());
        } else if (a.reasonCode() == ReasonCode.CONTINUE_AUTHENTICATION && reauthenticating) {
            r = exchange.next(a.authenticationData());
        } else {
            conn.protocolError("unexpected AUTH reason " + a.reasonCode());
            return;
        }
        switch (r.status()) {
            case SUCCESS -> {
                reauthenticating = false;
                conn.write(new Auth(ReasonCode.SUCCESS, method, r.data()));
            }
            case CONTINUE -> conn.write(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, method, r.data()));
            case FAILURE -> {
                ctx.metrics().increment(Metric.AUTH_FAILURES);
                conn.disconnect(r.reason(), "re-authentication failed"); // [MQTT-4.12.1-2]
            }
        }
    }

    /** CONNACK properties carrying the Authentication Method and the final Authentication Data. */
    static ConnAckProperties withAuth(ConnAckProperties p, String method, Binary data) {
        return new ConnAckProperties(p.sessionExpiryInterval(), p.receiveMaximum(), p.maximumQos(),
                p.retainAvailable(), p.maximumPacketSize(), p.assignedClientIdentifier(), p.topicAliasMaximum(),
                p.reasonString(), p.userProperties(), p.wildcardSubscriptionAvailable(),
                p.subscriptionIdentifiersAvailable(), p.sharedSubscriptionAvailable(), p.serverKeepAlive(),
                p.responseInformation(), p.serverReference(), method, data);
    }
}
