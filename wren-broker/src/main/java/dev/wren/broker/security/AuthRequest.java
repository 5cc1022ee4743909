package dev.wren.broker.security;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;

/**
 * What a client presented in CONNECT.
 *
 * @param clientId the client id (assigned, if the client sent none)
 * @param username User Name, or {@code null}
 * @param password Password, or {@code null}
 * @param remoteAddress the peer address, for logs and address-based rules
 * @param version the protocol version
 */
public record AuthRequest(String clientId, String username, Binary password, String remoteAddress,
        MqttVersion version) {
}
