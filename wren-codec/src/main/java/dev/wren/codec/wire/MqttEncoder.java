package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketType;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishResponse;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.UnsubAck;
import dev.wren.codec.packet.Unsubscribe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Encodes MQTT packets for a protocol version. Stateless and thread-safe.
 *
 * <p>A 3.x encoding leaves out every 5.0-only field (properties, reason codes other than the
 * CONNACK return code and SUBACK codes); a CONNECT is always encoded in its own
 * {@link Connect#version()}. A packet that cannot be encoded (a string longer than 65,535
 * bytes, a reason code not allowed in that packet, AUTH in 3.x) is an
 * {@link IllegalArgumentException}: the bug is the caller's.
 */
public final class MqttEncoder {
    private MqttEncoder() {}

    /** The number of bytes {@link #encode} writes for {@code p}: fixed header plus remaining length. */
    public static int encodedLength(MqttPacket p, MqttVersion v) {
        int remaining = remainingLength(p, v);
        return 1 + Vbi.size(remaining) + remaining;
    }

    /** Writes {@code p} encoded for {@code v} to {@code out}. */
    public static void encode(MqttPacket p, MqttVersion v, ByteBuf out) {
        write(p, v, remainingLength(p, v), out);
    }

    /**
     * Writes {@code p} when the caller already has its {@link #encodedLength} (to size the
     * buffer), sparing a second pass over the strings and properties.
     *
     * @throws IllegalStateException if {@code encodedLength} is not the packet's encoded length
     */
    public static void encode(MqttPacket p, MqttVersion v, int encodedLength, ByteBuf out) {
        write(p, v, remainingFromEncoded(encodedLength), out);
    }

    private static int remainingFromEncoded(int encodedLength) {
        for (int size = 1; size <= 4; size++) {
            int remaining = encodedLength - 1 - size;
            if (remaining >= 0 && Vbi.size(remaining) == size) {
                return remaining;
            }
        }
        throw new IllegalStateException("not an encoded length: " + encodedLength);
    }

    private static void write(MqttPacket p, MqttVersion v, int remaining, ByteBuf out) {
        out.writeByte(p.type().value() << 4 | flags(p));
        Vbi.write(out, remaining);
        int bodyStart = out.writerIndex();
        writeBody(p, v, out);
        if (out.writerIndex() - bodyStart != remaining) {
            throw new IllegalStateException("encoder bug: " + p.type() + " wrote " + (out.writerIndex() - bodyStart)
                    + " bytes, announced " + remaining);
        }
    }

    /** Encodes {@code p} into a new buffer of exactly the right size; the caller releases it. */
    public static ByteBuf encode(MqttPacket p, MqttVersion v, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(encodedLength(p, v));
        try {
            encode(p, v, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Encodes {@code p} into a byte array (tests, stores, tools). */
    public static byte[] encodeToBytes(MqttPacket p, MqttVersion v) {
        byte[] bytes = new byte[encodedLength(p, v)];
        ByteBuf out = Unpooled.wrappedBuffer(bytes);
        out.writerIndex(0);
        encode(p, v, out);
        return bytes;
    }

    /**
     * Makes {@code p} fit into the peer's Maximum Packet Size, as the specification requires of
     * a sender [MQTT-3.1.2-24] [MQTT-3.2.2-15].
     *
     * @return {@code p} itself if it fits; else a copy without the Reason String, and if that is
     *     not enough also without User Properties, for the packets where the specification allows
     *     dropping them (CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT,
     *     AUTH; e.g. [MQTT-3.4.2-2], [MQTT-3.4.2-3]); {@code null} if it still does not fit. For a
     *     PUBLISH {@code null} means: discard it and behave as if it had been sent [MQTT-3.1.2-25].
     */
    public static MqttPacket fitToMaximum(MqttPacket p, MqttVersion v, int maximumPacketSize) {
        if (encodedLength(p, v) <= maximumPacketSize) {
            return p;
        }
        MqttPacket withoutReason = OptionalProperties.strip(p, false);
        if (withoutReason == null) {
            return null;
        }
        if (encodedLength(withoutReason, v) <= maximumPacketSize) {
            return withoutReason;
        }
        MqttPacket bare = OptionalProperties.strip(p, true);
        return encodedLength(bare, v) <= maximumPacketSize ? bare : null;
    }

    private static int flags(MqttPacket p) {
        return switch (p.type()) {
            case PUBLISH -> PublishEncoder.flags((Publish) p);
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> 0x02;
            default -> 0;
        };
    }

    private static int remainingLength(MqttPacket p, MqttVersion v) {
        int n = switch (p) {
            case Publish x -> PublishEncoder.remainingLength(x, v);
            case PublishResponse x -> PublishResponseEncoder.remainingLength(x, v);
            case Connect x -> ConnectEncoder.remainingLength(x);
            case ConnAck x -> ConnAckEncoder.remainingLength(x, v);
            case Subscribe x -> SubscribeEncoder.remainingLength(x, v);
            case SubAck x -> AckListEncoder.remainingLength(PacketType.SUBACK, x.reasonCodes(), x.reasonString(),
                    x.userProperties(), v);
            case Unsubscribe x -> UnsubscribeEncoder.remainingLength(x, v);
            case UnsubAck x -> AckListEncoder.remainingLength(PacketType.UNSUBACK, x.reasonCodes(), x.reasonString(),
                    x.userProperties(), v);
            case PingReq x -> 0;
            case PingResp x -> 0;
            case Disconnect x -> DisconnectEncoder.remainingLength(x, v);
            case Auth x -> AuthEncoder.remainingLength(x, v);
        };
        if (n > Vbi.MAX_VALUE) {
            throw new IllegalArgumentException(p.type() + " too large: remaining length " + n);
        }
        return n;
    }

    private static void writeBody(MqttPacket p, MqttVersion v, ByteBuf out) {
        switch (p) {
            case Publish x -> PublishEncoder.write(x, v, out);
            case PublishResponse x -> PublishResponseEncoder.write(x, v, out);
            case Connect x -> ConnectEncoder.write(x, out);
            case ConnAck x -> ConnAckEncoder.write(x, v, out);
            case Subscribe x -> SubscribeEncoder.write(x, v, out);
            case SubAck x -> AckListEncoder.write(PacketType.SUBACK, x.packetId(), x.reasonCodes(), x.reasonString(),
                    x.userProperties(), v, out);
            case Unsubscribe x -> UnsubscribeEncoder.write(x, v, out);
            case UnsubAck x -> AckListEncoder.write(PacketType.UNSUBACK, x.packetId(), x.reasonCodes(),
                    x.reasonString(), x.userProperties(), v, out);
            case PingReq x -> { }
            case PingResp x -> { }
            case Disconnect x -> DisconnectEncoder.write(x, v, out);
            case Auth x -> AuthEncoder.write(x, v, out);
        }
    }
}
