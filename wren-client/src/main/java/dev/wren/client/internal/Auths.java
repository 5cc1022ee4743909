package dev.wren.client.internal;

import dev.wren.client.AuthHandler;
import dev.wren.codec.Binary;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Auth;
import java.util.concurrent.Executor;

/**
 * The client half of MQTT 5.0 enhanced authentication (4.12): answers each AUTH challenge
 * with the application's {@link AuthHandler}.
 *
 * <p>Not thread-safe: confined to the client's event loop (answers computed elsewhere hop back
 * through {@code loop}).
 */
final class Auths {
    private final AuthHandler handler;
    private final Executor loop;

    Auths(AuthHandler handler, Executor loop) {
        this.handler = handler;
        this.loop = loop;
    }

    void onAuth(Connection c, Auth auth) {
        if (handler == null || !handler.method().equals(auth.authenticationMethod())) {
            // AUTH although we sent no Authentication Method [MQTT-4.12.0-6], or with another method than
            // ours [MQTT-4.12.0-5]: a protocol error.
            c.protocolViolation(ReasonCode.PROTOCOL_ERROR, "unexpected AUTH");
            return;
        }
        if (auth.reasonCode() == ReasonCode.SUCCESS) {
            handler.onSuccess(auth.authenticationData());
            return;
        }
        handler.onChallenge(auth.authenticationData()).whenComplete((answer, error) -> loop.execute(() -> {
            if (!c.channel.isActive()) {
                return;
            }
            if (error != null) {
                c.protocolViolation(ReasonCode.NOT_AUTHORIZED, "authentication handler failed: " + error);
                return;
            }
            c.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, handler.method(), answer));
        }));
    }

    void onConnected(Binary serverData) {
        if (handler != null) {
            handler.onSuccess(serverData);
        }
    }
}
