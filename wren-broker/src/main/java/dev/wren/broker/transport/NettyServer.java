package dev.wren.broker.transport;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.BrokerStartException;
import dev.wren.broker.session.Loop;
import dev.wren.codec.ReasonCode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP listener: event-loop groups (native epoll when available, NIO otherwise), the server
 * channel and the group of open client channels.
 *
 * <p>Thread-safety: {@link #bind()} and {@link #close()} are called by the thread that starts and
 * stops the broker; {@link #channels()} is thread-safe.
 */
public final class NettyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NettyServer.class);
    private static final AdaptiveRecvByteBufAllocator RECV_ALLOCATOR = new AdaptiveRecvByteBufAllocator();

    private final BrokerConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Class<? extends ServerChannel> channelClass;
    private final ChannelGroup channels = new DefaultChannelGroup("wren-clients", GlobalEventExecutor.INSTANCE);
    private final List<Channel> serverChannels = new CopyOnWriteArrayList<>();

    public NettyServer(BrokerConfig config) {
        this.config = config;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.channelClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, factory);
        this.workerGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), factory);
        LOG.debug("transport: {}", epoll ? "epoll" : "nio");
    }

    /** Binds the configured address with {@code initializer} for client channels; returns the bound address. */
    public InetSocketAddress bind(ChannelInitializer<Channel> initializer) {
        return bind(config.port(), initializer);
    }

    /**
     * Binds {@code port} on the configured host with {@code initializer}; returns the bound
     * address. Every listener shares the event loops.
     *
     * @throws BrokerStartException if it cannot listen (the listeners bound before stay open: close the server)
     */
    public InetSocketAddress bind(int port, ChannelInitializer<Channel> initializer) {
        return bind(config.host(), port, initializer);
    }

    /** Like {@link #bind(int, ChannelInitializer)} on {@code host}. */
    public InetSocketAddress bind(String host, int port, ChannelInitializer<Channel> initializer) {
        ServerBootstrap b = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // one allocator for all channels (each still has its own handle): by default every
                // channel gets its own instance, 32 bytes per connection for the same three sizes
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECV_ALLOCATOR)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()))
                .childHandler(initializer);
        ChannelFuture bound = b.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new BrokerStartException("cannot listen on " + host + ":" + port
                    + ": " + cause.getMessage(), cause);
        }
        serverChannels.add(bound.channel());
        return (InetSocketAddress) bound.channel().localAddress();
    }

    /** The open client channels. */
    public ChannelGroup channels() {
        return channels;
    }

    /** One of the worker event loops (round robin), e.g. for sessions restored at start-up. */
    public Loop nextLoop() {
        return new NettyLoop(workerGroup.next());
    }

    /** The worker group, whose event loops run connections and sessions. */
    public EventLoopGroup workerGroup() {
        return workerGroup;
    }

    /** Stops accepting connections; client channels stay open. */
    public void stopAccepting() {
        for (Channel c : serverChannels) {
            c.close().syncUninterruptibly();
        }
    }

    /**
     * Disconnects every client with 0x8B Server shutting down on its event loop (wills are
     * published as for any unexpected close) and waits up to {@code timeoutMillis} for the closes.
     */
    public void disconnectAll(long timeoutMillis) {
        for (Channel ch : channels) {
            ch.eventLoop().execute(() -> {
                MqttChannelHandler h = ch.pipeline().get(MqttChannelHandler.class);
                if (h != null) {
                    h.connection().disconnect(ReasonCode.SERVER_SHUTTING_DOWN, "server shutting down");
                } else {
                    ch.close();
                }
            });
        }
        channels.newCloseFuture().awaitUninterruptibly(timeoutMillis);
    }

    @Override
    public void close() {
        stopAccepting();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdownGroups();
    }

    private void shutdownGroups() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
