package dev.wren.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The pipeline of a connection on one {@link Listener}: TLS and the WebSocket layers in front,
 * then the MQTT handlers of {@link MqttChannelInitializer}, which see a byte stream whatever the
 * listener. Sharable.
 */
public final class ListenerInitializer extends ChannelInitializer<Channel> {
    /** Subprotocols offered by MQTT clients: {@code mqtt} (3.1.1 and 5.0) and {@code mqttv3.1} [MQTT-6.0.0-3]. */
    private static final String SUBPROTOCOLS = "mqtt,mqttv3.1";

    private final Listener listener;
    private final MqttChannelInitializer mqtt;
    private final int maxPacketSize;
    private final long handshakeTimeoutMillis;

    public ListenerInitializer(Listener listener, MqttChannelInitializer mqtt, int maxPacketSize,
            long handshakeTimeoutMillis) {
        this.listener = listener;
        this.mqtt = mqtt;
        this.maxPacketSize = maxPacketSize;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    protected void initChannel(Channel ch) throws Exception {
        ChannelPipeline p = ch.pipeline();
        if (listener.tls() != null) {
            p.addLast("tls", listener.tls().newHandler(ch.alloc()));
        }
        if (listener.websocket()) {
            p.addLast("http", new HttpServerCodec());
            p.addLast("http-aggregator", new HttpObjectAggregator(8192));
            p.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath(listener.websocketPath())
                    .subprotocols(SUBPROTOCOLS)
                    // an MQTT packet may come in one frame: allow the largest packet (plus its fixed header)
                    .maxFramePayloadLength(maxPacketSize + 5)
                    .handshakeTimeoutMillis(handshakeTimeoutMillis)
                    .build()));
            p.addLast("not-websocket", new HttpRefusal(listener.websocketPath()));
            p.addLast("websocket-frames", new WebSocketFrames());
        }
        mqtt.initChannel(ch);
    }
}
