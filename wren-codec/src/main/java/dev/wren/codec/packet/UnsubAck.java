package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;

/** UNSUBACK (3.11): in 5.0 one reason code per filter; in 3.x no payload, so the list is empty. */
public record UnsubAck(int packetId, List<ReasonCode> reasonCodes, String reasonString, List<UserProperty> userProperties)
        implements MqttPacket {
    public UnsubAck {
        Props.checkPacketId(packetId);
        reasonCodes = Props.list(reasonCodes);
        userProperties = Props.users(userProperties);
    }

    public UnsubAck(int packetId, List<ReasonCode> reasonCodes) {
        this(packetId, reasonCodes, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
