package dev.wren.broker.connection;

import dev.wren.codec.packet.ConnAckProperties;

/**
 * What a CONNECT and the broker's limits agreed on.
 *
 * @param clientId the client id in force (possibly assigned by the broker)
 * @param keepAliveSeconds keep alive enforced (client's, or the Server Keep Alive)
 * @param sessionExpiry Session Expiry Interval granted, seconds
 * @param outboundWindow QoS 1/2 PUBLISHes the broker may have unacknowledged towards the client
 * @param clientMaximumPacketSize the client's Maximum Packet Size, 0 = protocol maximum
 * @param clientTopicAliasMaximum aliases the broker may assign on delivery
 * @param inboundReceiveMaximum QoS 2 PUBLISHes the client may have awaiting PUBREL (as announced)
 * @param inboundTopicAliasMaximum topic aliases the client may use (as announced)
 * @param connAck the CONNACK properties to send (5.0); {@code null} once the CONNACK is written
 */
public record Negotiated(String clientId, int keepAliveSeconds, long sessionExpiry, int outboundWindow,
        int clientMaximumPacketSize, int clientTopicAliasMaximum, int inboundReceiveMaximum,
        int inboundTopicAliasMaximum, ConnAckProperties connAck) {

    /** The same without the CONNACK properties: what a connection keeps once it has sent them. */
    public Negotiated withoutConnAck() {
        return new Negotiated(clientId, keepAliveSeconds, sessionExpiry, outboundWindow, clientMaximumPacketSize,
                clientTopicAliasMaximum, inboundReceiveMaximum, inboundTopicAliasMaximum, null);
    }
}
