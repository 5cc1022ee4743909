package dev.wren.broker.security;

/**
 * Decides who may connect. Called on the connection's event loop, so implementations must be
 * thread-safe and must not block for long (a later version may make this asynchronous).
 */
public interface Authenticator {
    /** Authenticates a CONNECT without an Authentication Method (user name / password or anonymous). */
    AuthResult authenticate(AuthRequest request);

    /**
     * Starts MQTT 5.0 enhanced authentication with {@code method}; returns {@code null} if the
     * method is not supported, which refuses the connection with 0x8C [MQTT-4.12.0-1].
     */
    default AuthExchange startExchange(String method, AuthRequest request) {
        return null;
    }
}
