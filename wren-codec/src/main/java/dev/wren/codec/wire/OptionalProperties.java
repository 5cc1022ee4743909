package dev.wren.codec.wire;

import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.UnsubAck;
import java.util.List;

/**
 * Copies of packets without the properties a sender must leave out rather than exceed the
 * receiver's Maximum Packet Size: Reason String, then User Properties (e.g. CONNACK
 * [MQTT-3.2.2-19] [MQTT-3.2.2-20], PUBACK [MQTT-3.4.2-2] [MQTT-3.4.2-3], DISCONNECT
 * [MQTT-3.14.2-3] [MQTT-3.14.2-4], AUTH [MQTT-3.15.2-2] [MQTT-3.15.2-3]).
 */
final class OptionalProperties {
    private OptionalProperties() {}

    /**
     * {@code p} without its Reason String, and with {@code users} also without User Properties;
     * {@code null} for packets whose properties must not be dropped (PUBLISH, CONNECT, ...).
     */
    static MqttPacket strip(MqttPacket p, boolean users) {
        return switch (p) {
            case ConnAck c -> new ConnAck(c.sessionPresent(), c.reasonCode(), strip(c.properties(), users));
            case PubAck a -> new PubAck(a.packetId(), a.reasonCode(), null, keep(a.userProperties(), users));
            case PubRec a -> new PubRec(a.packetId(), a.reasonCode(), null, keep(a.userProperties(), users));
            case PubRel a -> new PubRel(a.packetId(), a.reasonCode(), null, keep(a.userProperties(), users));
            case PubComp a -> new PubComp(a.packetId(), a.reasonCode(), null, keep(a.userProperties(), users));
            case SubAck a -> new SubAck(a.packetId(), a.reasonCodes(), null, keep(a.userProperties(), users));
            case UnsubAck a -> new UnsubAck(a.packetId(), a.reasonCodes(), null, keep(a.userProperties(), users));
            case Disconnect d -> new Disconnect(d.reasonCode(), d.sessionExpiryInterval(), null, d.serverReference(),
                    keep(d.userProperties(), users));
            case Auth a -> new Auth(a.reasonCode(), a.authenticationMethod(), a.authenticationData(), null,
                    keep(a.userProperties(), users));
            default -> null;
        };
    }

    private static <T> List<T> keep(List<T> list, boolean drop) {
        return drop ? List.of() : list;
    }

    private static ConnAckProperties strip(ConnAckProperties p, boolean users) {
        return new ConnAckProperties(p.sessionExpiryInterval(), p.receiveMaximum(), p.maximumQos(),
                p.retainAvailable(), p.maximumPacketSize(), p.assignedClientIdentifier(), p.topicAliasMaximum(), null,
                keep(p.userProperties(), users), p.wildcardSubscriptionAvailable(), p.subscriptionIdentifiersAvailable(),
                p.sharedSubscriptionAvailable(), p.serverKeepAlive(), p.responseInformation(), p.serverReference(),
                p.authenticationMethod(), p.authenticationData());
    }
}
