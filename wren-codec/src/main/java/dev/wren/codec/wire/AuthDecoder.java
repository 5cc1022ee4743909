package dev.wren.codec.wire;

import dev.wren.codec.Binary;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Auth;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * AUTH (3.15, 5.0 only; MqttDecoder rejects it in 3.x). A Remaining Length of 0 means Success
 * without properties; otherwise the Authentication Method must be present (3.15.2.2.2).
 */
final class AuthDecoder {
    private AuthDecoder() {}

    static Auth decode(ByteBuf in, int end) {
        if (in.readerIndex() == end) {
            return new Auth(ReasonCode.SUCCESS, null, null);
        }
        ReasonCode rc = ReasonCodes.read(in, end, PacketType.AUTH);
        String method = null;
        Binary data = null;
        String reasonString = null;
        List<UserProperty> users = null;
        if (in.readerIndex() < end) {
            int propertiesEnd = PropertyReader.readLength(in, end);
            long seen = 0;
            while (in.readerIndex() < propertiesEnd) {
                Property p = PropertyReader.next(in, propertiesEnd, PacketType.AUTH, false);
                seen = PropertyReader.markSeen(seen, p, PacketType.AUTH);
                switch (p) {
                    case AUTHENTICATION_METHOD -> method = WireReader.readString(in, propertiesEnd, p.name());
                    case AUTHENTICATION_DATA -> data = WireReader.readBinary(in, propertiesEnd, p.name());
                    case REASON_STRING -> reasonString = WireReader.readString(in, propertiesEnd, p.name());
                    case USER_PROPERTY -> users = PropertyReader.readUserProperty(in, propertiesEnd, users);
                    default -> throw MalformedPacketException.malformed(p + " is not allowed in AUTH");
                }
            }
        }
        WireReader.expectEnd(in, end, "AUTH");
        if (method == null) {
            throw MalformedPacketException.protocolError("AUTH without Authentication Method (3.15.2.2.2)");
        }
        return new Auth(rc, method, data, reasonString, users);
    }
}
