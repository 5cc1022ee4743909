package dev.wren.codec.wire;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Reason codes and the "Reason String + User Properties" property block that most
 * acknowledgements share (PUBACK..PUBCOMP, SUBACK, UNSUBACK).
 */
final class ReasonCodes {
    private ReasonCodes() {}

    /** Reads a reason code byte; a value that is not a reason code for {@code type} is malformed (2.4). */
    static ReasonCode read(ByteBuf in, int end, PacketType type) {
        int code = WireReader.readByte(in, end, "reason code");
        ReasonCode rc = ReasonCode.of(code);
        if (rc == null || !rc.allowedIn(type)) {
            throw MalformedPacketException.malformed(
                    "reason code 0x" + Integer.toHexString(code) + " is not valid in " + type + " (2.4)");
        }
        return rc;
    }

    /**
     * The Reason String and User Properties of an acknowledgement. Mutable, confined to one
     * decode call.
     */
    static final class AckProperties {
        String reasonString;
        List<UserProperty> userProperties;

        /** Reads a property block that may contain only Reason String and User Property. */
        static AckProperties read(ByteBuf in, int end, PacketType type) {
            AckProperties a = new AckProperties();
            int propertiesEnd = PropertyReader.readLength(in, end);
            long seen = 0;
            while (in.readerIndex() < propertiesEnd) {
                Property p = PropertyReader.next(in, propertiesEnd, type, false);
                seen = PropertyReader.markSeen(seen, p, type);
                if (p == Property.REASON_STRING) {
                    a.reasonString = WireReader.readString(in, propertiesEnd, "Reason String");
                } else if (p == Property.USER_PROPERTY) {
                    a.userProperties = PropertyReader.readUserProperty(in, propertiesEnd, a.userProperties);
                } else {
                    throw MalformedPacketException.malformed(p + " is not allowed in " + type);
                }
            }
            return a;
        }
    }

    /** Length of a Reason String + User Properties block, without the Property Length. */
    static int ackPropertiesLength(String reasonString, List<UserProperty> userProperties) {
        return WireWriter.stringPropertySize(reasonString) + WireWriter.userPropertiesSize(userProperties);
    }

    /** Writes the Property Length and a Reason String + User Properties block. */
    static void writeAckProperties(ByteBuf out, int length, String reasonString, List<UserProperty> userProperties) {
        Vbi.write(out, length);
        WireWriter.writeStringProperty(out, Property.REASON_STRING, reasonString);
        WireWriter.writeUserProperties(out, userProperties);
    }
}
