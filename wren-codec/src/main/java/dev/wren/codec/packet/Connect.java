package dev.wren.codec.packet;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketType;
import java.util.Objects;

/**
 * CONNECT (3.1).
 *
 * @param version the protocol version the client asked for
 * @param clientId Client Identifier, possibly empty
 * @param cleanStart Clean Start (5.0) / Clean Session (3.x)
 * @param keepAlive Keep Alive in seconds, 0..65535
 * @param username User Name, or {@code null}
 * @param password Password, or {@code null}
 * @param will the Will Message, or {@code null}
 * @param properties CONNECT properties ({@link ConnectProperties#DEFAULT} for 3.x)
 */
public record Connect(
        MqttVersion version,
        String clientId,
        boolean cleanStart,
        int keepAlive,
        String username,
        Binary password,
        Will will,
        ConnectProperties properties) implements MqttPacket {

    public Connect {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientId, "clientId");
        properties = properties == null ? ConnectProperties.DEFAULT : properties;
        if (keepAlive < 0 || keepAlive > 65535) {
            throw new IllegalArgumentException("keep alive must be 0..65535, not " + keepAlive);
        }
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }
}
