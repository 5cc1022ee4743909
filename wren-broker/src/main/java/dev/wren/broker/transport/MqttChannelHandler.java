package dev.wren.broker.transport;

import dev.wren.broker.connection.BrokerContext;
import dev.wren.broker.connection.Connection;
import dev.wren.broker.connection.Transport;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.session.Loop;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketTooLargeException;
import dev.wren.codec.PacketType;
import dev.wren.codec.netty.CodecState;
import dev.wren.codec.packet.MqttPacket;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client channel: hands decoded packets to the connection state machine
 * and carries out its writes. Writes made while a read burst is processed are flushed once in
 * {@link #channelReadComplete}; writes from other tasks are flushed by whoever made them
 * (e.g. the session's drain task, once per drain).
 *
 * <p>Thread confinement: the channel's event loop.
 */
final class MqttChannelHandler extends ChannelInboundHandlerAdapter implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(MqttChannelHandler.class);
    static final String IDLE = "idle";
    /** How long a server-initiated close waits for the last packets (e.g. DISCONNECT) to be flushed. */
    static final long CLOSE_GRACE_MILLIS = 2000;

    private final BrokerContext broker;
    private final CodecState codec;
    private ChannelHandlerContext ctx;
    private Connection connection;
    private Loop loop;
    private boolean needsFlush;

    MqttChannelHandler(BrokerContext broker, CodecState codec) {
        this.broker = broker;
        this.codec = codec;
    }

    /** The state machine, for shutdown. */
    Connection connection() {
        return connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.loop = new NettyLoop(context.channel().eventLoop());
        this.connection = new Connection(broker, this);
        broker.metrics().add(Metric.CONNECTIONS_CURRENT, 1);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        broker.metrics().add(Metric.CONNECTIONS_CURRENT, -1);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (msg instanceof MqttPacket p) {
            connection.onPacket(p);
        } else if (msg instanceof MalformedPacketException e) {
            connection.onMalformed(e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        connection.onClosed();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable()) {
            connection.onWritable();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof IdleStateEvent) {
            connection.onKeepAliveTimeout();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof PacketTooLargeException tooLarge) {
            if (tooLarge.packetType() == PacketType.PUBLISH) {
                // not expected: the connection checks a PUBLISH's size before writing it [MQTT-3.1.2-25]
                connection.onPublishTooLarge();
            } else {
                // a CONNACK, ack or DISCONNECT that cannot fit the client's maximum: the protocol cannot go on
                LOG.debug("{} too large for {}, closing", tooLarge.packetType(), remoteAddress());
                context.close();
            }
        } else if (cause instanceof ClosedChannelException) {
            LOG.trace("write to a closed channel");
        } else if (cause instanceof IOException) {
            LOG.debug("I/O error on {}: {}", remoteAddress(), cause.toString());
            context.close();
        } else {
            LOG.warn("unexpected error on {}, closing", remoteAddress(), cause);
            context.close();
        }
    }

    @Override
    public void write(MqttPacket packet) {
        ctx.write(packet, ctx.voidPromise());
        needsFlush = true;
    }

    @Override
    public void flush() {
        if (needsFlush) {
            needsFlush = false;
            ctx.flush();
        }
    }

    @Override
    public void close() {
        needsFlush = false;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        // A client that does not read (a stuck consumer disconnected with 0x97) would keep that flush,
        // and so the close, pending for ever: the DISCONNECT gets a short chance, then the socket goes.
        ctx.executor().schedule(() -> {
            ctx.close();
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isWritable() {
        return ctx.channel().isWritable();
    }

    @Override
    public Loop loop() {
        return loop;
    }

    @Override
    public String remoteAddress() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getHostString() + ":" + a.getPort() : String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public void keepAlive(long millis) {
        if (ctx.pipeline().get(IDLE) == null) {
            return;
        }
        if (millis <= 0) {
            ctx.pipeline().remove(IDLE);
        } else {
            ctx.pipeline().replace(IDLE, IDLE, new IdleStateHandler(millis, 0, 0, TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public void outboundMaximumPacketSize(int bytes) {
        codec.peerMaximumPacketSize(bytes);
    }

    @Override
    public void autoRead(boolean on) {
        ctx.channel().config().setAutoRead(on);
    }
}
