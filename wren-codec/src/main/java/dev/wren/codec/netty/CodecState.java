package dev.wren.codec.netty;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.wire.DecoderContext;

/**
 * The per-channel values the frame decoder and the packet encoder share, set by the connection
 * logic as CONNECT and CONNACK negotiate them.
 *
 * <p><b>Not thread-safe:</b> confined to the channel's event loop. One instance belongs to one
 * channel; read and write it only from handlers of that channel (or tasks run on its event loop).
 *
 * <p>On the server side {@link MqttFrameDecoder} sets {@link #version(MqttVersion)} itself when
 * it decodes the CONNECT, before the packet reaches the next handler, so packets pipelined after
 * the CONNECT in the same read already decode with the right version. On the client side set the
 * version before writing CONNECT (the CONNECT itself is encoded in its own version regardless).
 */
public final class CodecState {
    /** The protocol maximum: 268,435,455 bytes of remaining length plus a 5-byte fixed header. */
    public static final int PROTOCOL_MAXIMUM_PACKET_SIZE = DecoderContext.PROTOCOL_MAXIMUM_PACKET_SIZE;

    private MqttVersion version;
    private int inboundMaximumPacketSize = PROTOCOL_MAXIMUM_PACKET_SIZE;
    private int outboundMaximumPacketSize = PROTOCOL_MAXIMUM_PACKET_SIZE;

    /** A state with an unknown version and protocol-maximum limits. */
    public CodecState() {}

    /** A state for a known version (client side) with protocol-maximum limits. */
    public CodecState(MqttVersion version) {
        this.version = version;
    }

    /** The negotiated version, or {@code null} until known. */
    public MqttVersion version() {
        return version;
    }

    /** Sets the version once known (server: the frame decoder does it on CONNECT; client: before CONNECT). */
    public void version(MqttVersion newVersion) {
        this.version = newVersion;
    }

    /** The largest packet we accept, in bytes including the fixed header. */
    public int inboundMaximumPacketSize() {
        return inboundMaximumPacketSize;
    }

    /** Sets our limit, e.g. the Maximum Packet Size we announce in CONNECT / CONNACK. */
    public void inboundMaximumPacketSize(int bytes) {
        if (bytes < 2) {
            throw new IllegalArgumentException("maximum packet size must be at least 2, not " + bytes);
        }
        this.inboundMaximumPacketSize = bytes;
    }

    /** The largest packet the peer accepts (its Maximum Packet Size), in bytes including the fixed header. */
    public int outboundMaximumPacketSize() {
        return outboundMaximumPacketSize;
    }

    /** Sets the peer's limit in bytes; see {@link #peerMaximumPacketSize(long)} for the property form. */
    public void outboundMaximumPacketSize(int bytes) {
        if (bytes < 2) {
            throw new IllegalArgumentException("maximum packet size must be at least 2, not " + bytes);
        }
        this.outboundMaximumPacketSize = bytes;
    }

    /**
     * Sets the peer's limit from a Maximum Packet Size property as decoded into the model
     * ({@code ConnectProperties.maximumPacketSize()} or {@code ConnAckProperties.maximumPacketSize()}):
     * 0 means absent (no limit beyond the protocol's), values above the protocol maximum are clamped.
     */
    public void peerMaximumPacketSize(long property) {
        this.outboundMaximumPacketSize = property <= 0 || property > PROTOCOL_MAXIMUM_PACKET_SIZE
                ? PROTOCOL_MAXIMUM_PACKET_SIZE : (int) property;
    }

    @Override
    public String toString() {
        return "CodecState[version=" + version + ", inboundMax=" + inboundMaximumPacketSize
                + ", outboundMax=" + outboundMaximumPacketSize + "]";
    }
}
