package dev.wren.broker.session;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Publish;

/**
 * The connection a session is attached to, as the session sees it. Implemented by the
 * connection state machine; every method is called on the session's (= connection's) loop.
 */
public interface SessionLink {
    /**
     * Writes a PUBLISH (the connection applies topic aliases); no flush. Returns {@code false},
     * having written nothing, if the PUBLISH is larger than the client's Maximum Packet Size: the
     * caller then discards it as if it had been delivered [MQTT-3.1.2-25] (the connection counts
     * and logs it). Never calls back into the session.
     */
    boolean sendPublish(Publish publish);

    /** Writes a PUBREL for {@code packetId}; no flush. */
    void sendPubRel(int packetId);

    /** Whether the outbound buffer has room (Netty's high water mark not exceeded). */
    boolean writable();

    /** Flushes what was written. */
    void flush();

    /** The client's Receive Maximum bounded by the broker's in-flight limit. */
    int outboundWindow();

    /** Server-initiated close with {@code reason} (DISCONNECT for 5.0, then close). */
    void disconnect(ReasonCode reason, String why);

    /** This connection is replaced by a new one for the same client id [MQTT-3.1.4-3]. */
    void takenOver();

    /** The protocol version of the connection (stored with the session). */
    MqttVersion version();
}
