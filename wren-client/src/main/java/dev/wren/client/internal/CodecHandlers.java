package dev.wren.client.internal;

import dev.wren.codec.MqttVersion;
import io.netty.channel.ChannelPipeline;

/** Installs wren-codec's frame decoder and packet encoder into a client pipeline. */
final class CodecHandlers {
    static final String DECODER = "mqtt-decoder";

    private CodecHandlers() {}

    static void install(ChannelPipeline pipeline, MqttVersion version, long maximumInboundPacketSize) {
        throw new UnsupportedOperationException("codec not yet available");
    }
}
