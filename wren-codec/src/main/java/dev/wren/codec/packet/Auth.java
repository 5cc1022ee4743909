package dev.wren.codec.packet;

import dev.wren.codec.Binary;
import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import java.util.List;
import java.util.Objects;

/** AUTH (3.15, MQTT 5.0 only): one step of enhanced authentication. */
public record Auth(ReasonCode reasonCode, String authenticationMethod, Binary authenticationData, String reasonString,
        List<UserProperty> userProperties) implements MqttPacket {

    public Auth {
        Objects.requireNonNull(reasonCode, "reasonCode");
        userProperties = Props.users(userProperties);
    }

    public Auth(ReasonCode reasonCode, String authenticationMethod, Binary authenticationData) {
        this(reasonCode, authenticationMethod, authenticationData, null, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
