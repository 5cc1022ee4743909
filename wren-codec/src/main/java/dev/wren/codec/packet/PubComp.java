package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;
import java.util.Objects;

/** PUBCOMP (3.7): the answer to PUBREL, which ends a QoS 2 exchange. In MQTT 3.x only the packet identifier is on the wire. */
public record PubComp(int packetId, ReasonCode reasonCode, String reasonString, List<UserProperty> userProperties)
        implements PublishResponse {

    public PubComp {
        Props.checkPacketId(packetId);
        Objects.requireNonNull(reasonCode, "reasonCode");
        userProperties = Props.users(userProperties);
    }

    public PubComp(int packetId) {
        this(packetId, ReasonCode.SUCCESS, null, List.of());
    }

    public PubComp(int packetId, ReasonCode reasonCode) {
        this(packetId, reasonCode, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
