package dev.wren.broker.transport;

import dev.wren.broker.connection.BrokerContext;
import dev.wren.codec.netty.CodecState;
import dev.wren.codec.netty.MqttFrameDecoder;
import dev.wren.codec.netty.MqttPacketEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of a client channel: {@code decoder -> encoder -> handler}. Idle timeouts
 * (CONNECT, then 1.5 x the keep alive) are not a pipeline handler but one {@link KeepAliveWheel}
 * per event loop, created with the loop's first connection and turned by one periodic task.
 * Sharable; its only state is that per-loop map.
 */
public final class MqttChannelInitializer extends ChannelInitializer<Channel> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttChannelInitializer.class);

    /** What the connections of one event loop share. */
    private record PerLoop(NettyLoop loop, KeepAliveWheel wheel) {}

    private final BrokerContext broker;
    private final ChannelGroup channels;
    private final Map<EventLoop, PerLoop> loops = new ConcurrentHashMap<>();

    public MqttChannelInitializer(BrokerContext broker, ChannelGroup channels) {
        this.broker = broker;
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel ch) {
        CodecState codec = new CodecState();
        codec.inboundMaximumPacketSize(broker.config().maxPacketSize());
        PerLoop shared = loops.computeIfAbsent(ch.eventLoop(), this::startLoop);
        ch.pipeline()
                .addLast("decoder", new MqttFrameDecoder(codec, true))
                .addLast("encoder", new MqttPacketEncoder(codec))
                .addLast("handler", new MqttChannelHandler(broker, codec, shared.loop(), shared.wheel()));
        channels.add(ch);
    }

    private PerLoop startLoop(EventLoop eventLoop) {
        KeepAliveWheel wheel = new KeepAliveWheel(broker.clock());
        long tick = KeepAliveWheel.SLOT_MILLIS;
        eventLoop.scheduleAtFixedRate(() -> {
            try {
                wheel.advance();
            } catch (RuntimeException e) {
                LOG.warn("keep-alive check failed", e); // the next turn goes on: a periodic task that throws is cancelled
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
        return new PerLoop(new NettyLoop(eventLoop), wheel);
    }
}
