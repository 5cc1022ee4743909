package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;
import java.util.Objects;

/** PUBACK (3.4): the answer to a QoS 1 PUBLISH. In MQTT 3.x only the packet identifier is on the wire. */
public record PubAck(int packetId, ReasonCode reasonCode, String reasonString, List<UserProperty> userProperties)
        implements PublishResponse {

    public PubAck {
        Props.checkPacketId(packetId);
        Objects.requireNonNull(reasonCode, "reasonCode");
        userProperties = Props.users(userProperties);
    }

    public PubAck(int packetId) {
        this(packetId, ReasonCode.SUCCESS, null, List.of());
    }

    public PubAck(int packetId, ReasonCode reasonCode) {
        this(packetId, reasonCode, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
