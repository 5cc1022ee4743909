package dev.wren.broker.transport;

import dev.wren.broker.connection.BrokerContext;
import dev.wren.codec.netty.CodecState;
import dev.wren.codec.netty.MqttFrameDecoder;
import dev.wren.codec.netty.MqttPacketEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of a client channel: {@code idle -> decoder -> encoder -> handler}. The
 * idle handler first enforces the CONNECT timeout, then 1.5 x the keep alive. Sharable,
 * stateless apart from the immutable context.
 */
public final class MqttChannelInitializer extends ChannelInitializer<Channel> {
    private final BrokerContext broker;
    private final ChannelGroup channels;

    public MqttChannelInitializer(BrokerContext broker, ChannelGroup channels) {
        this.broker = broker;
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel ch) {
        CodecState codec = new CodecState();
        codec.inboundMaximumPacketSize(broker.config().maxPacketSize());
        ch.pipeline()
                .addLast(MqttChannelHandler.IDLE,
                        new IdleStateHandler(broker.config().connectTimeoutSeconds(), 0, 0, TimeUnit.SECONDS))
                .addLast("decoder", new MqttFrameDecoder(codec, true))
                .addLast("encoder", new MqttPacketEncoder(codec))
                .addLast("handler", new MqttChannelHandler(broker, codec));
        channels.add(ch);
    }
}
