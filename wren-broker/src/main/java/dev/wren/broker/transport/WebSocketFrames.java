package dev.wren.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT over WebSocket: the bytes of binary frames (and their continuations) go to the MQTT frame
 * decoder as a plain stream, so a packet may span frames and a frame may hold several packets
 * [MQTT-6.0.0-2]; every encoded packet leaves as one binary frame. A text frame closes the
 * connection [MQTT-6.0.0-1]. Ping, pong and close frames are handled before this, by Netty's
 * {@code WebSocketServerProtocolHandler}.
 */
final class WebSocketFrames extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrames.class);

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        out.add(new BinaryWebSocketFrame(msg.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
            return;
        }
        LOG.info("closing WebSocket connection {}: {} is not a binary frame [MQTT-6.0.0-1]",
                ctx.channel().remoteAddress(), frame.getClass().getSimpleName());
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE))
                .addListener(f -> ctx.close());
    }
}
