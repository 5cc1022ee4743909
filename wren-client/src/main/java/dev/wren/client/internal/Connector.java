package dev.wren.client.internal;

import dev.wren.client.ClientOptions;
import dev.wren.client.MqttClientException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Opens network connections for one client on its event loop: transport handlers first
 * (TLS, WebSocket), then the MQTT codec, then {@link ClientChannelHandler}. Stateless apart
 * from its immutable bootstrap.
 */
final class Connector {
    private static final String IDLE = "keep-alive";

    private final ClientOptions options;
    private final Bootstrap bootstrap;

    Connector(ClientOptions options, EventLoop loop, ClientChannelHandler handler) {
        this.options = options;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        options.transport().initChannel(ch, options.host(), options.port());
                        CodecHandlers.install(ch, options.version(), options.maximumPacketSize());
                        ch.pipeline().addLast("client", handler);
                    }
                });
    }

    /** Starts connecting; returns the channel at once, its close future reports the end. */
    ChannelFuture open() {
        return bootstrap.connect(options.host(), options.port());
    }

    /** Pings after {@code keepAliveSeconds} without a write [MQTT-3.1.2-20] (3.1.1: [MQTT-3.1.2-23]); 0 disables it. */
    static void startKeepAlive(Channel ch, int keepAliveSeconds) {
        if (keepAliveSeconds > 0 && ch.pipeline().get(IDLE) == null) {
            ch.pipeline().addBefore(CodecHandlers.DECODER, IDLE,
                    new IdleStateHandler(0, keepAliveSeconds, 0, TimeUnit.SECONDS));
        }
    }

    static MqttClientException refusedToConnect(ClientOptions o, Throwable cause) {
        return new MqttClientException("cannot connect to " + o.host() + ":" + o.port() + ": "
                + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
    }
}
