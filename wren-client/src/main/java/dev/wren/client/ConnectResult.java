package dev.wren.client;

import dev.wren.codec.packet.ConnAckProperties;

/**
 * The outcome of a successful connection.
 *
 * @param sessionPresent whether the server resumed an existing session
 * @param clientId the client identifier in use (the server-assigned one if we sent none)
 * @param keepAliveSeconds the keep alive in force (the Server Keep Alive if the server sent one)
 * @param properties every CONNACK property (MQTT 5.0; defaults for 3.x)
 */
public record ConnectResult(boolean sessionPresent, String clientId, int keepAliveSeconds, ConnAckProperties properties) {}
