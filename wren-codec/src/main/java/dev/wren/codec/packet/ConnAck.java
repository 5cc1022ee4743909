package dev.wren.codec.packet;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import java.util.Objects;

/**
 * CONNACK (3.2). In MQTT 3.x the reason code is encoded as the nearest return code
 * ({@link ReasonCode#toV3ConnAckCode()}) and the properties are not sent.
 */
public record ConnAck(boolean sessionPresent, ReasonCode reasonCode, ConnAckProperties properties) implements MqttPacket {
    public ConnAck {
        Objects.requireNonNull(reasonCode, "reasonCode");
        properties = properties == null ? ConnAckProperties.DEFAULT : properties;
    }

    public ConnAck(boolean sessionPresent, ReasonCode reasonCode) {
        this(sessionPresent, reasonCode, ConnAckProperties.DEFAULT);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
