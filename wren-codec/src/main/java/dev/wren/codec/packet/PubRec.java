package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;
import java.util.Objects;

/** PUBREC (3.5): the first answer to a QoS 2 PUBLISH. In MQTT 3.x only the packet identifier is on the wire. */
public record PubRec(int packetId, ReasonCode reasonCode, String reasonString, List<UserProperty> userProperties)
        implements PublishResponse {

    public PubRec {
        Props.checkPacketId(packetId);
        Objects.requireNonNull(reasonCode, "reasonCode");
        userProperties = Props.users(userProperties);
    }

    public PubRec(int packetId) {
        this(packetId, ReasonCode.SUCCESS, null, List.of());
    }

    public PubRec(int packetId, ReasonCode reasonCode) {
        this(packetId, reasonCode, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
