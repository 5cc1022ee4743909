package dev.wren.broker.transport;

import io.netty.handler.ssl.SslContext;

/**
 * One listening socket and what runs on it below MQTT: plain TCP, TLS, WebSocket, or WebSocket
 * over TLS. Immutable.
 *
 * @param name for logs and the command line: {@code mqtt}, {@code mqtts}, {@code ws} or {@code wss}
 * @param port the port ({@code 0} = ephemeral)
 * @param tls the server TLS context, or {@code null}
 * @param websocketPath the HTTP path of the WebSocket endpoint, or {@code null} for raw MQTT
 */
public record Listener(String name, int port, SslContext tls, String websocketPath) {
    /** Whether MQTT runs inside WebSocket frames. */
    public boolean websocket() {
        return websocketPath != null;
    }
}
