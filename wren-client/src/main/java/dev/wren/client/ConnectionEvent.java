package dev.wren.client;

import dev.wren.codec.ReasonCode;

/** Something that happened to the client's network connection, reported to a {@link ConnectionListener}. */
public sealed interface ConnectionEvent {

    /** The client is connected (first time or after a reconnect). */
    record Connected(ConnectResult result) implements ConnectionEvent {}

    /**
     * The connection is gone.
     *
     * @param reasonCode the server's DISCONNECT or CONNACK reason, or {@code null} if the
     *     connection just broke
     * @param reasonString the server's Reason String, or {@code null}
     * @param serverReference where the server redirects us (USE_ANOTHER_SERVER/SERVER_MOVED), or {@code null}
     * @param cause the local error, or {@code null}
     * @param willReconnect whether the client will try again by itself
     */
    record Disconnected(ReasonCode reasonCode, String reasonString, String serverReference, Throwable cause,
            boolean willReconnect) implements ConnectionEvent {}

    /** A reconnect attempt is about to start. */
    record Reconnecting(int attempt) implements ConnectionEvent {}

    /**
     * After a reconnect to a server that had not kept the session, the client subscribed again
     * to a filter granted before, and the server refused it now (e.g. its ACL changed). The
     * client no longer counts the filter as subscribed: subscribe again once the cause is fixed.
     *
     * @param filter the topic filter
     * @param reasonCode the SUBACK reason code (for MQTT 3.x: {@code UNSPECIFIED_ERROR} for 0x80)
     */
    record ResubscribeFailed(String filter, ReasonCode reasonCode) implements ConnectionEvent {}
}
