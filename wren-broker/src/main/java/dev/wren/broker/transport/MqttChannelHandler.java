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
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client channel: hands decoded packets to the connection state machine
 * and carries out its writes. Writes made while a read burst is processed are flushed once in
 * {@link #channelReadComplete}; writes from other tasks are flushed by whoever made them
 * (e.g. the session's drain task, once per drain).
 *
 * <p>Idle timeouts (CONNECT, then keep alive) are the loop's {@link KeepAliveWheel}: a read
 * burst that brought at least one packet records the broker clock's time, the wheel does the rest.
 *
 * <p>Thread confinement: the channel's event loop.
 */
final class MqttChannelHandler extends ChannelInboundHandlerAdapter implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(MqttChannelHandler.class);
    /** How long a server-initiated close waits for the last packets (e.g. DISCONNECT) to be flushed. */
    static final long CLOSE_GRACE_MILLIS = 2000;

    private final BrokerContext broker;
    private final CodecState codec;
    private final Loop loop;
    private final KeepAliveWheel wheel;
    private ChannelHandlerContext ctx;
    private Connection connection;
    private boolean needsFlush;
    /** A packet (or a malformed one) arrived in the current read burst: the client is alive [MQTT-3.1.2-22]. */
    private boolean packetRead;

    // Owned by the wheel (see KeepAliveWheel): the slot this handler is linked in, its
    // neighbours there, and the figures its deadline is computed from.
    MqttChannelHandler wheelPrev;
    MqttChannelHandler wheelNext;
    int wheelSlot = KeepAliveWheel.NONE;
    long lastReadMillis;
    long idleLimitMillis;

    /**
     * @param loop the channel's event loop as a {@link Loop} (one shared instance per loop)
     * @param wheel the idle timers of that loop
     */
    MqttChannelHandler(BrokerContext broker, CodecState codec, Loop loop, KeepAliveWheel wheel) {
        this.broker = broker;
        this.codec = codec;
        this.loop = loop;
        this.wheel = wheel;
    }

    /** The idle timers of this channel's loop, for tests. */
    KeepAliveWheel wheel() {
        return wheel;
    }

    /** The state machine, for shutdown. */
    Connection connection() {
        return connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.connection = new Connection(broker, this);
        broker.metrics().add(Metric.CONNECTIONS_CURRENT, 1);
        wheel.arm(this, broker.config().connectTimeoutSeconds() * 1000L); // reads until CONNECT
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        wheel.remove(this);
        broker.metrics().add(Metric.CONNECTIONS_CURRENT, -1);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!packetRead) {
            // One clock read per burst, before the first packet is handled: its answer (a CONNACK,
            // a PINGRESP) must not reach the client before the activity is recorded.
            packetRead = true;
            lastReadMillis = wheel.now();
        }
        if (msg instanceof MqttPacket p) {
            connection.onPacket(p);
        } else if (msg instanceof MalformedPacketException e) {
            connection.onMalformed(e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        packetRead = false; // only whole packets count: a client trickling bytes cannot hold a connection
        connection.onReadComplete(); // one drain for the burst's acknowledgements, sent with this flush
        flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        wheel.remove(this);
        connection.onClosed();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable()) {
            connection.onWritable();
        }
    }

    /**
     * Called by the wheel: nothing was read within the limit. The connection closes, unless the
     * broker itself had paused reading (back-pressure): then the timer starts over.
     */
    void idleTimeout() {
        try {
            if (connection.onKeepAliveTimeout() && wheelSlot == KeepAliveWheel.NONE) {
                wheel.arm(this, idleLimitMillis);
            }
        } catch (RuntimeException e) {
            LOG.warn("unexpected error on keep-alive timeout of {}, closing", remoteAddress(), e);
            ctx.close();
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
        wheel.remove(this); // closing: no more timeouts
        needsFlush = false;
        // A client that does not read (a stuck consumer disconnected with 0x97) would keep that flush,
        // and so the close, pending for ever: the DISCONNECT gets a short chance, then the socket goes.
        // The usual flush completes at once and cancels that timer, which would otherwise hold the
        // whole closed channel for the grace period (many at once when a partition ends many keep alives).
        Future<?> grace = ctx.executor().schedule(() -> {
            ctx.close();
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            grace.cancel(false);
            ctx.close();
        });
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
        wheel.arm(this, millis);
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
