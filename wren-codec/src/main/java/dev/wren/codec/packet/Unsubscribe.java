package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import java.util.List;

/** UNSUBSCRIBE (3.10): at least one topic filter [MQTT-3.10.3-2]. */
public record Unsubscribe(int packetId, List<TopicFilter> filters, List<UserProperty> userProperties) implements MqttPacket {
    public Unsubscribe {
        Props.checkPacketId(packetId);
        filters = Props.list(filters);
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("UNSUBSCRIBE needs at least one topic filter [MQTT-3.10.3-2]");
        }
        userProperties = Props.users(userProperties);
    }

    public Unsubscribe(int packetId, List<TopicFilter> filters) {
        this(packetId, filters, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
