package dev.wren.broker.connection;

import dev.wren.broker.session.Loop;
import dev.wren.codec.packet.MqttPacket;

/**
 * The I/O side of a connection, as the sans-IO state machine sees it. Implemented by the Netty
 * channel handler, and by a recording fake in unit tests. Called on the connection's loop only.
 */
public interface Transport {
    /** Queues a packet for writing; nothing is flushed. */
    void write(MqttPacket packet);

    /** Flushes written packets to the socket. */
    void flush();

    /** Flushes, then closes the connection; {@link Connection#onClosed()} follows. */
    void close();

    /** Whether the outbound buffer is below its high water mark. */
    boolean isWritable();

    /** The loop this connection runs on. */
    Loop loop();

    /** The peer address, for logs. */
    String remoteAddress();

    /** Arms the keep-alive timer: close after {@code millis} without a packet; 0 disables. */
    void keepAlive(long millis);

    /** The client's Maximum Packet Size for the encoder (0 = protocol maximum). */
    void outboundMaximumPacketSize(int bytes);

    /** Stops or resumes reading from the socket. */
    void autoRead(boolean on);
}
