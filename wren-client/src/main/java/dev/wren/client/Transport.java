package dev.wren.client;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

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

    /**
     * The user event a transport with its own handshake fires down the pipeline
     * ({@code pipeline.fireUserEventTriggered(Transport.READY)}) once MQTT bytes may flow.
     */
    Object READY = new Object() {
        @Override
        public String toString() {
            return "Transport.READY";
        }
    };

    /** Called for each new connection before the MQTT codec is added to the pipeline. */
    void initChannel(Channel channel, String host, int port);

    /**
     * Whether the client must wait for {@link #READY} before sending CONNECT. False for TCP and
     * TLS (the TLS handler holds writes until its handshake is done); true for a transport with
     * a handshake of its own that cannot hold writes, such as a WebSocket upgrade.
     */
    default boolean signalsReady() {
        return false;
    }

    /**
     * TLS over TCP with a client {@link SslContext} (e.g. {@code SslContextBuilder.forClient()
     * .trustManager(caFile).build()}); the host name is sent for SNI and checked against the
     * server certificate unless the context was built to trust everything.
     */
    static Transport tls(SslContext context) {
        return (channel, host, port) -> {
            SslHandler ssl = context.newHandler(channel.alloc(), host, port);
            SSLParameters params = ssl.engine().getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.engine().setSSLParameters(params);
            channel.pipeline().addLast("tls", ssl);
        };
    }

    /** TLS without verifying the server's certificate or host name: for tests only. */
    static Transport tlsInsecure() {
        try {
            SslContext context = SslContextBuilder.forClient()
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            return (channel, host, port) -> channel.pipeline().addLast("tls", context.newHandler(channel.alloc(), host, port));
        } catch (SSLException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }
}
