/**
 * Implementation of the client; not API, may change without notice.
 *
 * <p>Layers: {@code SessionState} with {@code OutboundFlow}, {@code InboundFlow} and
 * {@code SubscriptionFlow} is the sans-IO protocol (packets in, packets and deliveries out through
 * {@code SessionOutput}); {@code ClientCore} owns the connection life cycle (connect, CONNACK,
 * keep-alive, reconnect) on one Netty event loop; {@code Connector}, {@code Connection} and
 * {@code ClientChannelHandler} are the Netty glue. Every mutable class here is confined to the
 * client's event loop unless its Javadoc says otherwise.
 */
package dev.wren.client.internal;
