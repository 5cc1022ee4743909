package dev.wren.codec.wire;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import io.netty.buffer.ByteBuf;

/**
 * Decodes MQTT packets of any version from a {@link ByteBuf}. Stateless and thread-safe:
 * everything about the connection comes in a {@link DecoderContext}.
 *
 * <p>Every problem with the bytes is reported as a {@link MalformedPacketException} carrying the
 * reason code the specification prescribes (MALFORMED_PACKET, PROTOCOL_ERROR, PACKET_TOO_LARGE,
 * TOPIC_ALIAS_INVALID, UNSUPPORTED_PROTOCOL_VERSION); no other exception escapes for bad input.
 * The decoded packet holds no reference to the buffer: strings and payloads are copied once.
 *
 * <p>Two steps, so that a frame decoder can reject a packet before buffering it:
 * {@link #frameLength} validates the fixed header as soon as its bytes arrive and returns the
 * size of the packet; {@link #decode} decodes a packet that is completely in the buffer.
 */
public final class MqttDecoder {
    /** Returned by {@link #frameLength} when the fixed header is not complete yet. */
    public static final int NEED_MORE = -1;

    private MqttDecoder() {}

    /**
     * Validates the fixed header at the reader index and returns the packet's total size
     * (fixed header + remaining length), without moving the reader index.
     *
     * @return the size in bytes, or {@link #NEED_MORE} if the fixed header is incomplete
     * @throws MalformedPacketException for an invalid first byte (reserved type, invalid flags
     *     [MQTT-2.1.3-1], a packet the peer must not send), a remaining length longer than four
     *     bytes or not minimally encoded [MQTT-1.5.5-1], or a packet larger than
     *     {@link DecoderContext#maximumPacketSize()} (PACKET_TOO_LARGE; the sender broke [MQTT-3.2.2-15] / [MQTT-3.1.2-24])
     */
    public static int frameLength(ByteBuf in, DecoderContext ctx) {
        if (!in.isReadable()) {
            return NEED_MORE;
        }
        int start = in.readerIndex();
        FixedHeader.check(in.getUnsignedByte(start), ctx);
        int remaining = Vbi.peek(in, start + 1);
        if (remaining == Vbi.NEED_MORE) {
            return NEED_MORE;
        }
        if (remaining < 0) {
            throw MalformedPacketException.malformed(remaining == Vbi.TOO_LONG
                    ? "remaining length longer than 4 bytes [MQTT-1.5.5-1]"
                    : "remaining length not encoded in the minimum number of bytes [MQTT-1.5.5-1]");
        }
        long total = 1L + Vbi.size(remaining) + remaining;
        if (total > ctx.maximumPacketSize()) {
            throw new MalformedPacketException(ReasonCode.PACKET_TOO_LARGE, "packet of " + total
                    + " bytes exceeds the maximum packet size " + ctx.maximumPacketSize() + " (3.1.2.11.4, 3.2.2.3.6)");
        }
        return (int) total;
    }

    /**
     * Decodes the packet at the reader index, which must be complete in the buffer, and moves
     * the reader index past it (also when it fails).
     *
     * <p>On the server side before CONNECT ({@code ctx.version() == null}) the packet must be a
     * CONNECT [MQTT-3.1.0-1]; the returned {@code Connect} names the version for the rest of the
     * connection. An unknown protocol level fails with UNSUPPORTED_PROTOCOL_VERSION (the server
     * answers with a 3.1.1 CONNACK, return code 1; {@link #connectProtocolLevel} reads the level
     * for logging).
     *
     * @throws MalformedPacketException if the bytes are not a valid packet, including when the
     *     buffer holds less than the whole packet
     * @throws IllegalStateException on the client side without a version (a programming error)
     */
    public static MqttPacket decode(ByteBuf in, DecoderContext ctx) {
        int total = frameLength(in, ctx);
        if (total == NEED_MORE || in.readableBytes() < total) {
            throw MalformedPacketException.malformed("packet is truncated");
        }
        int start = in.readerIndex();
        int first = in.getUnsignedByte(start);
        int end = start + total;
        int remaining = Vbi.peek(in, start + 1);
        in.readerIndex(end - remaining);
        try {
            return decodeBody(first, in, end, ctx);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // A safety net: every field is bounds-checked and validated before the model sees it.
            throw MalformedPacketException.malformed("invalid packet: " + e.getMessage());
        } finally {
            in.readerIndex(end);
        }
    }

    /**
     * The protocol level byte of a CONNECT that starts at {@code frameStart}, or -1 if the bytes
     * are not a CONNECT with a readable protocol level: for logging an UNSUPPORTED_PROTOCOL_VERSION
     * [MQTT-3.1.2-2].
     */
    public static int connectProtocolLevel(ByteBuf in, int frameStart) {
        int limit = in.writerIndex();
        if (frameStart + 2 > limit || in.getUnsignedByte(frameStart) >> 4 != PacketType.CONNECT.value()) {
            return -1;
        }
        int remaining = Vbi.peek(in, frameStart + 1);
        if (remaining < 0) {
            return -1;
        }
        int body = frameStart + 1 + Vbi.size(remaining);
        if (body + 2 > limit) {
            return -1;
        }
        int levelIndex = body + 2 + in.getUnsignedShort(body);
        return levelIndex < limit ? in.getUnsignedByte(levelIndex) : -1;
    }

    private static MqttPacket decodeBody(int first, ByteBuf in, int end, DecoderContext ctx) {
        PacketType type = PacketType.of(first >> 4);
        return switch (type) {
            case CONNECT -> ConnectDecoder.decode(in, end);
            case CONNACK -> ConnAckDecoder.decode(in, end, ctx);
            case PUBLISH -> PublishDecoder.decode(first & 0x0F, in, end, ctx);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> PublishResponseDecoder.decode(type, in, end, ctx);
            case SUBSCRIBE -> SubscribeDecoder.decode(in, end, ctx);
            case SUBACK -> SubAckDecoder.decode(in, end, ctx);
            case UNSUBSCRIBE -> UnsubscribeDecoder.decode(in, end, ctx);
            case UNSUBACK -> UnsubAckDecoder.decode(in, end, ctx);
            case PINGREQ -> {
                WireReader.expectEnd(in, end, "PINGREQ");
                yield PingReq.INSTANCE;
            }
            case PINGRESP -> {
                WireReader.expectEnd(in, end, "PINGRESP");
                yield PingResp.INSTANCE;
            }
            case DISCONNECT -> DisconnectDecoder.decode(in, end, ctx);
            case AUTH -> AuthDecoder.decode(in, end);
        };
    }
}
