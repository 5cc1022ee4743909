package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;

/**
 * What a decoder needs to know about the connection: immutable, so one instance can be cached
 * per channel and rebuilt only when the negotiated values change.
 *
 * @param version the negotiated version, or {@code null} before CONNECT on the server side
 *     (the CONNECT itself then determines it)
 * @param maximumPacketSize the largest packet we accept, in bytes including the fixed header;
 *     larger packets are rejected with {@code PACKET_TOO_LARGE} before their body is read
 * @param serverSide whether we are the server (decoding what a client sent)
 */
public record DecoderContext(MqttVersion version, int maximumPacketSize, boolean serverSide) {
    /** The protocol maximum: a 268,435,455-byte remaining length plus a 5-byte fixed header. */
    public static final int PROTOCOL_MAXIMUM_PACKET_SIZE = Vbi.MAX_VALUE + 5;

    public DecoderContext {
        if (maximumPacketSize < 2) {
            throw new IllegalArgumentException("maximum packet size must be at least 2, not " + maximumPacketSize);
        }
    }

    /** A server-side context before CONNECT, with the protocol maximum packet size. */
    public static DecoderContext server() {
        return new DecoderContext(null, PROTOCOL_MAXIMUM_PACKET_SIZE, true);
    }

    /** A server-side context for {@code version} with the protocol maximum packet size. */
    public static DecoderContext server(MqttVersion version) {
        return new DecoderContext(version, PROTOCOL_MAXIMUM_PACKET_SIZE, true);
    }

    /** A client-side context for {@code version} with the protocol maximum packet size. */
    public static DecoderContext client(MqttVersion version) {
        return new DecoderContext(version, PROTOCOL_MAXIMUM_PACKET_SIZE, false);
    }

    /** This context with another version. */
    public DecoderContext withVersion(MqttVersion newVersion) {
        return new DecoderContext(newVersion, maximumPacketSize, serverSide);
    }

    /** This context with another maximum packet size. */
    public DecoderContext withMaximumPacketSize(int newMaximum) {
        return new DecoderContext(version, newMaximum, serverSide);
    }
}
