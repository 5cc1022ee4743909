package dev.wren.client.internal;

import dev.wren.client.AuthHandler;
import dev.wren.client.ClientOptions;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;

/** Builds the CONNECT packet of each connection attempt from the options. */
final class ConnectPackets {
    private ConnectPackets() {}

    /**
     * The CONNECT for an attempt. {@code clientId} is the one to present (the server-assigned
     * one after the first connection, so that the session can be resumed).
     */
    static Connect build(ClientOptions o, String clientId, boolean cleanStart) {
        ConnectProperties props = ConnectProperties.DEFAULT;
        if (o.version().isV5()) {
            AuthHandler auth = o.authHandler();
            props = new ConnectProperties(o.sessionExpiryInterval(), o.receiveMaximum(), o.maximumPacketSize(),
                    o.topicAliasMaximum(), o.requestResponseInformation(), true, o.userProperties(),
                    auth == null ? null : auth.method(), auth == null ? null : auth.initialData());
        }
        return new Connect(o.version(), clientId, cleanStart, o.keepAliveSeconds(), o.username(), o.password(),
                o.will(), props);
    }

    /**
     * Clean Start of a reconnect: MQTT 5.0 always asks to resume (the server's Session
     * Expiry decides whether anything is left); MQTT 3.x keeps its Clean Session choice.
     */
    static boolean cleanStartOnReconnect(ClientOptions o) {
        return !o.version().isV5() && o.cleanStart();
    }
}
