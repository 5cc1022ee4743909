package dev.wren.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * MQTT over WebSocket (MQTT 5.0 section 6): an HTTP upgrade to the {@code mqtt} sub-protocol,
 * then MQTT packets in binary frames. CONNECT waits for the upgrade ({@link #signalsReady()}).
 * Combine with TLS through {@link #over(Transport)}. Stateless and thread-safe.
 */
public final class WebSocketTransport implements Transport {
    private final String path;
    private final Transport below;

    private WebSocketTransport(String path, Transport below) {
        this.path = path.startsWith("/") ? path : "/" + path;
        this.below = below;
    }

    /** WebSocket on plain TCP to {@code path} (mosquitto and most brokers use {@code /mqtt} or {@code /}). */
    public static WebSocketTransport of(String path) {
        return new WebSocketTransport(path, Transport.TCP);
    }

    /** The same WebSocket on another transport, e.g. {@code Transport.tls(context)} for {@code wss}. */
    public WebSocketTransport over(Transport transport) {
        return new WebSocketTransport(path, transport);
    }

    @Override
    public void initChannel(Channel channel, String host, int port) {
        below.initChannel(channel, host, port);
        URI uri;
        try {
            uri = new URI(below == Transport.TCP ? "ws" : "wss", null, host, port, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad WebSocket path " + path, e);
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).subprotocol("mqtt").handleCloseFrames(true).build();
        channel.pipeline().addLast("ws-http", new HttpClientCodec())
                .addLast("ws-aggregator", new HttpObjectAggregator(65536))
                .addLast("ws-protocol", new WebSocketClientProtocolHandler(config))
                .addLast("ws-frames", new Frames());
    }

    @Override
    public boolean signalsReady() {
        return true;
    }

    /** MQTT bytes in binary frames, and {@link Transport#READY} once the upgrade is done. */
    private static final class Frames extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
            out.add(new BinaryWebSocketFrame(msg.retain()));
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                out.add(frame.content().retain());
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            ctx.fireUserEventTriggered(evt);
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.fireUserEventTriggered(Transport.READY);
            }
        }
    }
}
