package dev.wren.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.netty.CodecState;
import dev.wren.codec.netty.MqttFrameDecoder;
import dev.wren.codec.netty.MqttPacketEncoder;
import dev.wren.codec.packet.MqttPacket;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;
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
        this(false);
    }

    /** A fake server; with {@code websocket} it speaks MQTT over WebSocket on path {@code /mqtt}. */
    FakePeer(boolean websocket) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        CodecState state = new CodecState();
                        Conn conn = new Conn(ch);
                        if (websocket) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new WebSocketServerProtocolHandler("/mqtt", "mqtt"), new WsFrames());
                        }
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

    /** Binary WebSocket frames to and from MQTT bytes. */
    private static final class WsFrames extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
            out.add(new BinaryWebSocketFrame(msg.retain()));
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame) {
                out.add(frame.content().retain());
            }
        }
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
