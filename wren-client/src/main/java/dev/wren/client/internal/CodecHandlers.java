package dev.wren.client.internal;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.netty.CodecState;
import dev.wren.codec.netty.MqttFrameDecoder;
import dev.wren.codec.netty.MqttPacketEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;

/**
 * Installs wren-codec's frame decoder and packet encoder into a client pipeline and keeps
 * their shared {@link CodecState} on the channel, so the CONNACK's Maximum Packet Size can
 * be applied to the encoder.
 */
final class CodecHandlers {
    static final String DECODER = "mqtt-decoder";
    private static final AttributeKey<CodecState> STATE = AttributeKey.valueOf(CodecHandlers.class, "codecState");

    private CodecHandlers() {}

    static void install(Channel ch, MqttVersion version, long maximumInboundPacketSize) {
        CodecState state = new CodecState(version);
        if (maximumInboundPacketSize > 0 && maximumInboundPacketSize < CodecState.PROTOCOL_MAXIMUM_PACKET_SIZE) {
            state.inboundMaximumPacketSize((int) maximumInboundPacketSize);
        }
        ch.attr(STATE).set(state);
        ChannelPipeline p = ch.pipeline();
        p.addLast(DECODER, new MqttFrameDecoder(state, false));
        p.addLast("mqtt-encoder", new MqttPacketEncoder(state));
    }

    /** Applies the server's Maximum Packet Size from CONNACK (0 = no limit) to outgoing packets. */
    static void serverMaximumPacketSize(Channel ch, long maximum) {
        CodecState state = ch.attr(STATE).get();
        if (state != null) {
            state.peerMaximumPacketSize(maximum);
        }
    }
}
