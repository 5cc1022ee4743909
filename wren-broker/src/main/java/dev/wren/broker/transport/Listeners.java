package dev.wren.broker.transport;

import dev.wren.broker.BrokerConfig;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.List;

/** The listeners besides plain MQTT over TCP that a configuration asks for. */
public final class Listeners {
    private Listeners() {}

    /**
     * The TLS, WebSocket and secure WebSocket listeners that are on (port not -1), with the TLS
     * context built once and shared.
     *
     * @throws IllegalArgumentException if a TLS listener is on and its files are missing or wrong
     */
    public static List<Listener> extra(BrokerConfig c) {
        List<Listener> out = new ArrayList<>();
        SslContext tls = c.tlsPort() >= 0 || c.websocketSecurePort() >= 0
                ? TlsContexts.server(c.tlsCertFile(), c.tlsKeyFile(), c.tlsCaFile(), c.tlsRequireClientCertificate())
                : null;
        if (c.tlsPort() >= 0) {
            out.add(new Listener("mqtts", c.tlsPort(), tls, null));
        }
        if (c.websocketPort() >= 0) {
            out.add(new Listener("ws", c.websocketPort(), null, c.websocketPath()));
        }
        if (c.websocketSecurePort() >= 0) {
            out.add(new Listener("wss", c.websocketSecurePort(), tls, c.websocketPath()));
        }
        return out;
    }
}
