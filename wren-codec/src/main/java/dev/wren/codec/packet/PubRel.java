package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;
import java.util.Objects;

/** PUBREL (3.6): the answer to PUBREC. In MQTT 3.x only the packet identifier is on the wire. */
public record PubRel(int packetId, ReasonCode reasonCode, String reasonString, List<UserProperty> userProperties)
        implements PublishResponse {

    public PubRel {
        Props.checkPacketId(packetId);
        Objects.requireNonNull(reasonCode, "reasonCode");
        userProperties = Props.users(userProperties);
    }

    public PubRel(int packetId) {
        this(packetId, ReasonCode.SUCCESS, null, List.of());
    }

    public PubRel(int packetId, ReasonCode reasonCode) {
        this(packetId, reasonCode, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
