package dev.wren.client.internal;

import dev.wren.client.MqttClientException;
import dev.wren.client.Transport;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.packet.MqttPacket;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a client pipeline: hands decoded packets, decode errors and idle
 * events to the {@link ClientCore}. Stateless, so one instance may serve any number of channels.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {
    private final ClientCore core;

    ClientChannelHandler(ClientCore core) {
        this.core = core;
    }

    @Override
    public boolean isSharable() {
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case MqttPacket p -> core.onPacket(ctx.channel(), p);
            case MalformedPacketException e -> core.onMalformed(ctx.channel(), e);
            default -> ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            core.onWriterIdle(ctx.channel());
        } else if (evt == Transport.READY) {
            core.onTransportReady(ctx.channel());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            core.onWritable(ctx.channel());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        core.onChannelError(ctx.channel(), new MqttClientException("connection failed: " + cause, cause));
    }
}
