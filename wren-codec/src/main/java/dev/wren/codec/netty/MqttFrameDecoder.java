package dev.wren.codec.netty;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.wire.DecoderContext;
import dev.wren.codec.wire.MqttDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Turns the byte stream of one channel into {@link MqttPacket}s.
 *
 * <p>Incremental: a packet arriving one byte at a time and many packets in one read decode the
 * same. The fixed header is validated as soon as it arrives, and a packet larger than
 * {@link CodecState#inboundMaximumPacketSize()} is rejected (PACKET_TOO_LARGE) before its body
 * is buffered.
 *
 * <p>Errors: on any invalid input this handler passes the {@link MalformedPacketException}
 * itself down the pipeline as a message ({@code fireChannelRead(exception)}), exactly once, and
 * from then on discards every byte the channel receives. The next handler turns it into a
 * DISCONNECT (5.0) or a close (3.x). No buffer escapes: packets hold copies.
 *
 * <p>On the server side, a decoded CONNECT sets {@link CodecState#version(MqttVersion)}; a CONNECT
 * with an unsupported protocol level sets it to 3.1.1, the version in which to answer (CONNACK
 * return code 1, {@code 20 02 00 01}) [MQTT-3.1.2-2]: the CONNACK layout of an unknown version
 * is unknown, and 3.1.1 is what every client library parses (mosquitto and HiveMQ answer so too).
 *
 * <p>Not sharable: one instance per channel, confined to its event loop.
 */
public final class MqttFrameDecoder extends ByteToMessageDecoder {
    private final CodecState state;
    private final boolean serverSide;
    private DecoderContext context;
    private boolean failed;

    /**
     * @param state the channel's codec state, shared with its {@link MqttPacketEncoder}
     * @param serverSide whether this channel is the server end of the connection
     */
    public MqttFrameDecoder(CodecState state, boolean serverSide) {
        this.state = state;
        this.serverSide = serverSide;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            DecoderContext dc = context();
            int length = MqttDecoder.frameLength(in, dc);
            if (length == MqttDecoder.NEED_MORE || in.readableBytes() < length) {
                return;
            }
            MqttPacket packet = MqttDecoder.decode(in, dc);
            if (serverSide && packet instanceof Connect connect && state.version() == null) {
                state.version(connect.version());
            }
            out.add(packet);
        } catch (MalformedPacketException e) {
            fail(in, e, out);
        }
    }

    private void fail(ByteBuf in, MalformedPacketException e, List<Object> out) {
        failed = true;
        if (serverSide && state.version() == null && e.reasonCode() == ReasonCode.UNSUPPORTED_PROTOCOL_VERSION) {
            state.version(MqttVersion.V3_1_1);
        }
        in.skipBytes(in.readableBytes());
        out.add(e);
    }

    private DecoderContext context() {
        DecoderContext c = context;
        if (c == null || c.version() != state.version() || c.maximumPacketSize() != state.inboundMaximumPacketSize()) {
            c = new DecoderContext(state.version(), state.inboundMaximumPacketSize(), serverSide);
            context = c;
        }
        return c;
    }
}
