package dev.wren.client;

import io.netty.channel.Channel;

/**
 * The seam between the MQTT protocol and the network: adds whatever handlers sit below the
 * MQTT codec in the Netty pipeline (a TLS {@code SslHandler}, a WebSocket framer...). Plain
 * TCP adds nothing. Implementations must be stateless or thread-safe: one instance serves
 * every connection of a client.
 */
@FunctionalInterface
public interface Transport {
    /** Plain TCP. */
    Transport TCP = (channel, host, port) -> {};

    /** Called for each new connection before the MQTT codec is added to the pipeline. */
    void initChannel(Channel channel, String host, int port);
}
