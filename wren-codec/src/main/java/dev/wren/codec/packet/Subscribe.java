package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.UserProperty;
import java.util.List;

/**
 * SUBSCRIBE (3.8).
 *
 * @param packetId Packet Identifier
 * @param subscriptions at least one [MQTT-3.8.3-2] (3.1.1: [MQTT-3.8.3-3])
 * @param subscriptionIdentifier 1..268435455, or 0 when absent
 * @param userProperties User Properties
 */
public record Subscribe(int packetId, List<Subscription> subscriptions, int subscriptionIdentifier, List<UserProperty> userProperties)
        implements MqttPacket {
    public Subscribe {
        Props.checkPacketId(packetId);
        subscriptions = Props.list(subscriptions);
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("SUBSCRIBE needs at least one topic filter [MQTT-3.8.3-2] (3.1.1: [MQTT-3.8.3-3])");
        }
        if (subscriptionIdentifier < 0 || subscriptionIdentifier > 268_435_455) {
            throw new IllegalArgumentException("subscription identifier out of range: " + subscriptionIdentifier);
        }
        userProperties = Props.users(userProperties);
    }

    public Subscribe(int packetId, List<Subscription> subscriptions) {
        this(packetId, subscriptions, 0, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
