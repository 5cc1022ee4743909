package dev.wren.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.netty.CodecState;
import dev.wren.codec.netty.MqttFrameDecoder;
import dev.wren.codec.netty.MqttPacketEncoder;
import dev.wren.codec.packet.MqttPacket;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted MQTT server for client tests, built from wren-codec (the rumqttc
 * {@code tests/broker.rs} idea): the test accepts connections, expects packets and sends
 * answers by hand, so every byte the client sends is checked and nothing else runs.
 */
final class FakePeer implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 5;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Conn> accepted = new LinkedBlockingQueue<>();
    private final Channel server;

    FakePeer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        CodecState state = new CodecState();
                        Conn conn = new Conn(ch);
                        ch.pipeline().addLast(new MqttFrameDecoder(state, true), new MqttPacketEncoder(state),
                                new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                        conn.inbox.add(msg);
                                    }
                                });
                        accepted.add(conn);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The next client connection. */
    Conn accept() throws InterruptedException {
        Conn c = accepted.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(c).as("a client connection").isNotNull();
        return c;
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One accepted connection. */
    static final class Conn {
        final Channel channel;
        final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

        Conn(Channel channel) {
            this.channel = channel;
        }

        /** The next packet, which must be a {@code type}. */
        <T extends MqttPacket> T expect(Class<T> type) throws InterruptedException {
            Object o = inbox.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(o).as("a " + type.getSimpleName() + " from the client").isInstanceOf(type);
            return type.cast(o);
        }

        /** Asserts that no packet arrives within {@code millis}. */
        void expectNothing(long millis) throws InterruptedException {
            assertThat(inbox.poll(millis, TimeUnit.MILLISECONDS)).isNull();
        }

        void send(MqttPacket p) {
            channel.writeAndFlush(p).syncUninterruptibly();
        }

        void drop() {
            channel.close().syncUninterruptibly();
        }

        boolean awaitClosed() {
            return channel.closeFuture().awaitUninterruptibly(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
