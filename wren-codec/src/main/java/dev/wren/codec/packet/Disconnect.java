package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;
import java.util.Objects;

/**
 * DISCONNECT (3.14). MQTT 3.x has no variable header: only {@link ReasonCode#NORMAL_DISCONNECTION}.
 *
 * @param reasonCode Disconnect Reason Code
 * @param sessionExpiryInterval seconds, or {@code -1} when absent (the CONNECT value stays)
 * @param reasonString or {@code null}
 * @param serverReference or {@code null}
 * @param userProperties User Properties
 */
public record Disconnect(ReasonCode reasonCode, long sessionExpiryInterval, String reasonString, String serverReference,
        List<UserProperty> userProperties) implements MqttPacket {

    public static final Disconnect NORMAL = new Disconnect(ReasonCode.NORMAL_DISCONNECTION);

    public Disconnect {
        Objects.requireNonNull(reasonCode, "reasonCode");
        userProperties = Props.users(userProperties);
    }

    public Disconnect(ReasonCode reasonCode) {
        this(reasonCode, -1, null, null, List.of());
    }

    public Disconnect(ReasonCode reasonCode, String reasonString) {
        this(reasonCode, -1, reasonString, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
