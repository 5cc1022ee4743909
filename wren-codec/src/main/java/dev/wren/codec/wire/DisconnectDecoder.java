package dev.wren.codec.wire;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Disconnect;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * DISCONNECT (3.14). 3.x has no variable header. In 5.0 a Remaining Length of 0 means Normal
 * disconnection, 1 a reason code without properties (3.14.2.1).
 */
final class DisconnectDecoder {
    private DisconnectDecoder() {}

    static Disconnect decode(ByteBuf in, int end, DecoderContext ctx) {
        if (!ctx.version().isV5() || in.readerIndex() == end) {
            WireReader.expectEnd(in, end, "DISCONNECT");
            return Disconnect.NORMAL;
        }
        ReasonCode rc = ReasonCodes.read(in, end, PacketType.DISCONNECT);
        if (in.readerIndex() == end) {
            return new Disconnect(rc);
        }
        long sessionExpiry = -1;
        String reasonString = null;
        String serverReference = null;
        List<UserProperty> users = null;
        int propertiesEnd = PropertyReader.readLength(in, end);
        long seen = 0;
        while (in.readerIndex() < propertiesEnd) {
            Property p = PropertyReader.next(in, propertiesEnd, PacketType.DISCONNECT, false);
            seen = PropertyReader.markSeen(seen, p, PacketType.DISCONNECT);
            switch (p) {
                case SESSION_EXPIRY_INTERVAL -> sessionExpiry = readSessionExpiry(in, propertiesEnd, ctx);
                case REASON_STRING -> reasonString = WireReader.readString(in, propertiesEnd, p.name());
                case SERVER_REFERENCE -> serverReference = WireReader.readString(in, propertiesEnd, p.name());
                case USER_PROPERTY -> users = PropertyReader.readUserProperty(in, propertiesEnd, users);
                default -> throw MalformedPacketException.malformed(p + " is not allowed in DISCONNECT");
            }
        }
        WireReader.expectEnd(in, end, "DISCONNECT");
        return new Disconnect(rc, sessionExpiry, reasonString, serverReference, users);
    }

    private static long readSessionExpiry(ByteBuf in, int end, DecoderContext ctx) {
        if (!ctx.serverSide()) {
            throw MalformedPacketException.protocolError(
                    "a server must not send Session Expiry Interval in DISCONNECT [MQTT-3.14.2-2]");
        }
        return WireReader.readInt(in, end, "Session Expiry Interval");
    }
}
