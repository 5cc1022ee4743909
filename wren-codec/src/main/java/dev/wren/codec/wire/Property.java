package dev.wren.codec.wire;

import static dev.wren.codec.PacketType.AUTH;
import static dev.wren.codec.PacketType.CONNACK;
import static dev.wren.codec.PacketType.CONNECT;
import static dev.wren.codec.PacketType.DISCONNECT;
import static dev.wren.codec.PacketType.PUBACK;
import static dev.wren.codec.PacketType.PUBCOMP;
import static dev.wren.codec.PacketType.PUBLISH;
import static dev.wren.codec.PacketType.PUBREC;
import static dev.wren.codec.PacketType.PUBREL;
import static dev.wren.codec.PacketType.SUBACK;
import static dev.wren.codec.PacketType.SUBSCRIBE;
import static dev.wren.codec.PacketType.UNSUBACK;
import static dev.wren.codec.PacketType.UNSUBSCRIBE;

import dev.wren.codec.PacketType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every MQTT 5.0 property (section 2.2.2.2, table 2-4): identifier, data type, and the packets
 * (and Will Properties) in which it may appear. A property in any other packet makes the packet
 * malformed (2.2.2.2); a property other than User Property (and Subscription Identifier
 * in PUBLISH) appearing twice is a protocol error.
 */
public enum Property {
    PAYLOAD_FORMAT_INDICATOR(0x01, DataType.BYTE, true, PUBLISH),
    MESSAGE_EXPIRY_INTERVAL(0x02, DataType.FOUR_BYTE, true, PUBLISH),
    CONTENT_TYPE(0x03, DataType.UTF8, true, PUBLISH),
    RESPONSE_TOPIC(0x08, DataType.UTF8, true, PUBLISH),
    CORRELATION_DATA(0x09, DataType.BINARY, true, PUBLISH),
    SUBSCRIPTION_IDENTIFIER(0x0B, DataType.VBI, false, PUBLISH, SUBSCRIBE),
    SESSION_EXPIRY_INTERVAL(0x11, DataType.FOUR_BYTE, false, CONNECT, CONNACK, DISCONNECT),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, DataType.UTF8, false, CONNACK),
    SERVER_KEEP_ALIVE(0x13, DataType.TWO_BYTE, false, CONNACK),
    AUTHENTICATION_METHOD(0x15, DataType.UTF8, false, CONNECT, CONNACK, AUTH),
    AUTHENTICATION_DATA(0x16, DataType.BINARY, false, CONNECT, CONNACK, AUTH),
    REQUEST_PROBLEM_INFORMATION(0x17, DataType.BYTE, false, CONNECT),
    WILL_DELAY_INTERVAL(0x18, DataType.FOUR_BYTE, true),
    REQUEST_RESPONSE_INFORMATION(0x19, DataType.BYTE, false, CONNECT),
    RESPONSE_INFORMATION(0x1A, DataType.UTF8, false, CONNACK),
    SERVER_REFERENCE(0x1C, DataType.UTF8, false, CONNACK, DISCONNECT),
    REASON_STRING(0x1F, DataType.UTF8, false, CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH),
    RECEIVE_MAXIMUM(0x21, DataType.TWO_BYTE, false, CONNECT, CONNACK),
    TOPIC_ALIAS_MAXIMUM(0x22, DataType.TWO_BYTE, false, CONNECT, CONNACK),
    TOPIC_ALIAS(0x23, DataType.TWO_BYTE, false, PUBLISH),
    MAXIMUM_QOS(0x24, DataType.BYTE, false, CONNACK),
    RETAIN_AVAILABLE(0x25, DataType.BYTE, false, CONNACK),
    USER_PROPERTY(0x26, DataType.UTF8_PAIR, true, CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP,
            SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, DISCONNECT, AUTH),
    MAXIMUM_PACKET_SIZE(0x27, DataType.FOUR_BYTE, false, CONNECT, CONNACK),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, DataType.BYTE, false, CONNACK),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, DataType.BYTE, false, CONNACK),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, DataType.BYTE, false, CONNACK);

    /** The wire data types of property values (section 1.5). */
    public enum DataType {
        /** One byte. */
        BYTE,
        /** Two Byte Integer, big-endian. */
        TWO_BYTE,
        /** Four Byte Integer, big-endian. */
        FOUR_BYTE,
        /** Variable Byte Integer. */
        VBI,
        /** UTF-8 Encoded String. */
        UTF8,
        /** Binary Data. */
        BINARY,
        /** UTF-8 String Pair. */
        UTF8_PAIR
    }

    private static final Property[] BY_ID = new Property[0x2B];

    static {
        for (Property p : values()) {
            BY_ID[p.id] = p;
        }
    }

    private final int id;
    private final DataType dataType;
    private final boolean inWill;
    private final Set<PacketType> packets;

    Property(int id, DataType dataType, boolean inWill, PacketType... packets) {
        this.id = id;
        this.dataType = dataType;
        this.inWill = inWill;
        this.packets = packets.length == 0 ? EnumSet.noneOf(PacketType.class) : EnumSet.of(packets[0], packets);
    }

    /** The property identifier on the wire. */
    public int id() {
        return id;
    }

    /** The data type of the value. */
    public DataType dataType() {
        return dataType;
    }

    /** Whether the property may appear in a packet of {@code type}. */
    public boolean allowedIn(PacketType type) {
        return packets.contains(type);
    }

    /** Whether the property may appear in the Will Properties of a CONNECT (3.1.3.2). */
    public boolean allowedInWill() {
        return inWill;
    }

    /**
     * Whether the property may appear more than once in a packet of {@code type}: User
     * Property anywhere, Subscription Identifier in PUBLISH only (one per matching subscription).
     */
    public boolean repeatableIn(PacketType type) {
        return this == USER_PROPERTY || (this == SUBSCRIPTION_IDENTIFIER && type == PUBLISH);
    }

    /** The property for an identifier, or {@code null} if there is none. */
    public static Property of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
