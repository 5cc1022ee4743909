package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * SUBACK (3.9) and UNSUBACK (3.11), which share a layout: Packet Identifier, 5.0 properties,
 * then a list of reason codes. In 3.x a SUBACK failure of any kind is the return code 0x80
 * and an UNSUBACK has no payload at all.
 */
final class AckListEncoder {
    private AckListEncoder() {}

    static int remainingLength(PacketType type, List<ReasonCode> codes, String reasonString,
            List<UserProperty> users, MqttVersion v) {
        if (!v.isV5()) {
            return type == PacketType.UNSUBACK ? 2 : 2 + codes.size();
        }
        return 2 + WireWriter.propertiesBlockSize(ReasonCodes.ackPropertiesLength(reasonString, users)) + codes.size();
    }

    static void write(PacketType type, int packetId, List<ReasonCode> codes, String reasonString,
            List<UserProperty> users, MqttVersion v, ByteBuf out) {
        out.writeShort(packetId);
        if (!v.isV5()) {
            if (type == PacketType.SUBACK) {
                for (int i = 0, n = codes.size(); i < n; i++) {
                    ReasonCode rc = check(type, codes.get(i));
                    out.writeByte(rc.isError() ? 0x80 : rc.code());
                }
            }
            return;
        }
        ReasonCodes.writeAckProperties(out, ReasonCodes.ackPropertiesLength(reasonString, users), reasonString, users);
        for (int i = 0, n = codes.size(); i < n; i++) {
            out.writeByte(check(type, codes.get(i)).code());
        }
    }

    private static ReasonCode check(PacketType type, ReasonCode rc) {
        if (!rc.allowedIn(type)) {
            throw new IllegalArgumentException(rc + " is not a valid reason code for " + type);
        }
        return rc;
    }
}
