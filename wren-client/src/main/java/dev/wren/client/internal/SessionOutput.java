package dev.wren.client.internal;

import dev.wren.client.Message;
import dev.wren.client.PublishResult;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.MqttPacket;
import java.util.concurrent.CompletableFuture;

/**
 * Where the sans-IO session state puts its effects: packets to write on the current
 * connection, messages for the application, and protocol violations that end the connection.
 */
interface SessionOutput {
    /** Queues a packet for writing; the caller flushes once per batch. */
    void send(MqttPacket packet);

    /**
     * Queues a QoS 0 PUBLISH and completes {@code written} once it is on the wire (or fails it),
     * which lets publishers limit how much they have outstanding.
     */
    void sendQos0(MqttPacket packet, CompletableFuture<PublishResult> written);

    /** Whether the connection takes more writes now (below its write-buffer high-water mark). */
    default boolean isWritable() {
        return true;
    }

    /** Hands a received message to the application. */
    void deliver(Message message);

    /** The server broke the protocol: send DISCONNECT with {@code reason} (5.0) and close. */
    void protocolViolation(ReasonCode reason, String why);
}
