package dev.wren.codec.wire;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketType;
import dev.wren.codec.Topics;
import dev.wren.codec.UserProperty;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared steps of reading an MQTT 5.0 property block (2.2.2). Each packet decoder runs its own
 * loop with local variables (no intermediate property map), calling {@link #next} and
 * {@link #markSeen} and then the typed reads here.
 */
final class PropertyReader {
    private PropertyReader() {}

    /** Reads the Property Length and returns the index where the properties end. */
    static int readLength(ByteBuf in, int end) {
        int len = WireReader.readVbi(in, end, "property length");
        WireReader.need(in, end, len, "properties");
        return in.readerIndex() + len;
    }

    /**
     * Reads a property identifier and checks that the property may appear in {@code type} (or,
     * with {@code will}, in Will Properties); otherwise the packet is malformed (2.2.2.2).
     */
    static Property next(ByteBuf in, int end, PacketType type, boolean will) {
        int id = WireReader.readVbi(in, end, "property identifier");
        Property p = Property.of(id);
        if (p == null) {
            throw MalformedPacketException.malformed("unknown property identifier 0x" + Integer.toHexString(id));
        }
        if (will ? !p.allowedInWill() : !p.allowedIn(type)) {
            throw MalformedPacketException.malformed(p + " is not allowed in " + (will ? "Will Properties" : type));
        }
        return p;
    }

    /** Records that {@code p} was seen; a second occurrence of a single-valued property is a protocol error. */
    static long markSeen(long seen, Property p, PacketType type) {
        long bit = 1L << p.id();
        if ((seen & bit) != 0 && !p.repeatableIn(type)) {
            throw MalformedPacketException.protocolError(p + " must not appear more than once in " + type);
        }
        return seen | bit;
    }

    /** A Byte property whose only valid values are 0 and 1; anything else is a protocol error. */
    static boolean readFlag(ByteBuf in, int end, Property p) {
        int v = WireReader.readByte(in, end, p.name());
        if (v > 1) {
            throw MalformedPacketException.protocolError(p + " must be 0 or 1, not " + v);
        }
        return v == 1;
    }

    /** A Two Byte Integer property that must not be 0 (Receive Maximum, 3.1.2.11.3 / 3.2.2.3.3). */
    static int readNonZeroShort(ByteBuf in, int end, Property p) {
        int v = WireReader.readShort(in, end, p.name());
        if (v == 0) {
            throw MalformedPacketException.protocolError(p + " must not be 0");
        }
        return v;
    }

    /** Maximum Packet Size: a Four Byte Integer that must not be 0 (3.1.2.11.4 / 3.2.2.3.6). */
    static long readMaximumPacketSize(ByteBuf in, int end) {
        long v = WireReader.readInt(in, end, "Maximum Packet Size");
        if (v == 0) {
            throw MalformedPacketException.protocolError("Maximum Packet Size must not be 0");
        }
        return v;
    }

    /** A Subscription Identifier: 1..268,435,455; 0 is a protocol error (3.3.2.3.8, 3.8.2.1.2). */
    static int readSubscriptionIdentifier(ByteBuf in, int end) {
        int v = WireReader.readVbi(in, end, "Subscription Identifier");
        if (v == 0) {
            throw MalformedPacketException.protocolError("Subscription Identifier must not be 0");
        }
        return v;
    }

    /** Response Topic: a Topic Name, so no wildcards [MQTT-3.3.2-14]. */
    static String readResponseTopic(ByteBuf in, int end) {
        String topic = WireReader.readString(in, end, "Response Topic");
        String problem = Topics.checkName(topic);
        if (problem != null) {
            throw MalformedPacketException.malformed("Response Topic: " + problem);
        }
        return topic;
    }

    /** Appends one User Property to {@code list} (created on first use) and returns the list. */
    static List<UserProperty> readUserProperty(ByteBuf in, int end, List<UserProperty> list) {
        String name = WireReader.readString(in, end, "User Property name");
        String value = WireReader.readString(in, end, "User Property value");
        List<UserProperty> l = list == null ? new ArrayList<>(4) : list;
        l.add(new UserProperty(name, value));
        return l;
    }

    /** Checks that the properties ended exactly at {@code propertiesEnd}. */
    static void expectEnd(ByteBuf in, int propertiesEnd) {
        if (in.readerIndex() != propertiesEnd) {
            throw MalformedPacketException.malformed("a property runs past the property length");
        }
    }
}
