package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;

/**
 * SUBACK (3.9): one reason code per topic filter, in order [MQTT-3.8.4-6]. MQTT 3.x return
 * codes 0x00, 0x01, 0x02 and 0x80 are the same bytes as the 5.0 reason codes.
 */
public record SubAck(int packetId, List<ReasonCode> reasonCodes, String reasonString, List<UserProperty> userProperties)
        implements MqttPacket {
    public SubAck {
        Props.checkPacketId(packetId);
        reasonCodes = Props.list(reasonCodes);
        userProperties = Props.users(userProperties);
    }

    public SubAck(int packetId, List<ReasonCode> reasonCodes) {
        this(packetId, reasonCodes, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
