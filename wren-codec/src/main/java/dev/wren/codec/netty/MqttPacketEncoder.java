package dev.wren.codec.netty;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketTooLargeException;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.wire.MqttEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Encodes {@link MqttPacket}s with the channel's {@link CodecState#version()} into one buffer
 * each, sized exactly from {@link MqttEncoder#encodedLength}, direct by preference.
 *
 * <p>Honours the peer's Maximum Packet Size ({@link CodecState#outboundMaximumPacketSize()}): a
 * packet that is too large is reduced with {@link MqttEncoder#fitToMaximum}; if that is not
 * possible the write fails with a {@link PacketTooLargeException} and nothing is written
 * [MQTT-3.1.2-24] [MQTT-3.2.2-15] (the broker counts and drops such a PUBLISH [MQTT-3.1.2-25]).
 * A write while the version is unknown fails with an {@link IllegalStateException}, except a
 * CONNECT, which carries its own version.
 *
 * <p>Not sharable: one instance per channel, confined to its event loop.
 */
public final class MqttPacketEncoder extends MessageToByteEncoder<MqttPacket> {
    private final CodecState state;
    private MqttPacket sizedPacket;
    private MqttVersion sizedVersion;
    private int sizedLength;

    /** @param state the channel's codec state, shared with its {@link MqttFrameDecoder} */
    public MqttPacketEncoder(CodecState state) {
        super(MqttPacket.class, true);
        this.state = state;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!(msg instanceof MqttPacket packet)) {
            ctx.write(msg, promise);
            return;
        }
        MqttVersion version = packet instanceof Connect c && state.version() == null ? c.version() : state.version();
        if (version == null) {
            promise.setFailure(new IllegalStateException("MQTT version not negotiated yet; cannot encode " + packet.type()));
            return;
        }
        int max = state.outboundMaximumPacketSize();
        MqttPacket toSend = packet;
        int length;
        try {
            length = MqttEncoder.encodedLength(packet, version);
            if (length > max) {
                toSend = MqttEncoder.fitToMaximum(packet, version, max);
                if (toSend == null) {
                    promise.setFailure(new PacketTooLargeException(packet.type(), length, max));
                    return;
                }
                length = MqttEncoder.encodedLength(toSend, version);
            }
        } catch (RuntimeException e) {
            promise.setFailure(e); // a packet the model allows but the wire cannot carry
            return;
        }
        sizedPacket = toSend;
        sizedVersion = version;
        sizedLength = length;
        try {
            super.write(ctx, toSend, promise);
        } finally {
            sizedPacket = null;
        }
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MqttPacket msg, boolean preferDirect) {
        int length = msg == sizedPacket ? sizedLength : MqttEncoder.encodedLength(msg, versionFor(msg));
        return preferDirect ? ctx.alloc().ioBuffer(length) : ctx.alloc().heapBuffer(length);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MqttPacket msg, ByteBuf out) {
        if (msg == sizedPacket) {
            MqttEncoder.encode(msg, sizedVersion, sizedLength, out);
        } else {
            MqttEncoder.encode(msg, versionFor(msg), out);
        }
    }

    private MqttVersion versionFor(MqttPacket msg) {
        MqttVersion v = state.version();
        if (v == null && msg instanceof Connect c) {
            return c.version();
        }
        if (v == null) {
            throw new IllegalStateException("MQTT version not negotiated yet; cannot encode " + msg.type());
        }
        return v;
    }
}
