package dev.wren.codec;

import static dev.wren.codec.PacketType.AUTH;
import static dev.wren.codec.PacketType.CONNACK;
import static dev.wren.codec.PacketType.DISCONNECT;
import static dev.wren.codec.PacketType.PUBACK;
import static dev.wren.codec.PacketType.PUBCOMP;
import static dev.wren.codec.PacketType.PUBREC;
import static dev.wren.codec.PacketType.PUBREL;
import static dev.wren.codec.PacketType.SUBACK;
import static dev.wren.codec.PacketType.UNSUBACK;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every MQTT 5.0 reason code (section 2.4, table 2-6) with the packets that may carry it.
 *
 * <p>Code 0x00 has three names in the specification (Success, Normal disconnection, Granted
 * QoS 0); here it is {@link #SUCCESS} with the other two as aliases. MQTT 3.x CONNACK return
 * codes and SUBACK return codes map onto these (see {@link #fromV3ConnAckCode(int)}).
 */
public enum ReasonCode {
    SUCCESS(0x00, CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK, AUTH, DISCONNECT, SUBACK),
    GRANTED_QOS_1(0x01, SUBACK),
    GRANTED_QOS_2(0x02, SUBACK),
    DISCONNECT_WITH_WILL_MESSAGE(0x04, DISCONNECT),
    NO_MATCHING_SUBSCRIBERS(0x10, PUBACK, PUBREC),
    NO_SUBSCRIPTION_EXISTED(0x11, UNSUBACK),
    CONTINUE_AUTHENTICATION(0x18, AUTH),
    RE_AUTHENTICATE(0x19, AUTH),
    UNSPECIFIED_ERROR(0x80, CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT),
    MALFORMED_PACKET(0x81, CONNACK, DISCONNECT),
    PROTOCOL_ERROR(0x82, CONNACK, DISCONNECT),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT),
    UNSUPPORTED_PROTOCOL_VERSION(0x84, CONNACK),
    CLIENT_IDENTIFIER_NOT_VALID(0x85, CONNACK),
    BAD_USER_NAME_OR_PASSWORD(0x86, CONNACK),
    NOT_AUTHORIZED(0x87, CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT),
    SERVER_UNAVAILABLE(0x88, CONNACK),
    SERVER_BUSY(0x89, CONNACK, DISCONNECT),
    BANNED(0x8A, CONNACK),
    SERVER_SHUTTING_DOWN(0x8B, DISCONNECT),
    BAD_AUTHENTICATION_METHOD(0x8C, CONNACK, DISCONNECT),
    KEEP_ALIVE_TIMEOUT(0x8D, DISCONNECT),
    SESSION_TAKEN_OVER(0x8E, DISCONNECT),
    TOPIC_FILTER_INVALID(0x8F, SUBACK, UNSUBACK, DISCONNECT),
    TOPIC_NAME_INVALID(0x90, CONNACK, PUBACK, PUBREC, DISCONNECT),
    PACKET_IDENTIFIER_IN_USE(0x91, PUBACK, PUBREC, SUBACK, UNSUBACK),
    PACKET_IDENTIFIER_NOT_FOUND(0x92, PUBREL, PUBCOMP),
    RECEIVE_MAXIMUM_EXCEEDED(0x93, DISCONNECT),
    TOPIC_ALIAS_INVALID(0x94, DISCONNECT),
    PACKET_TOO_LARGE(0x95, CONNACK, DISCONNECT),
    MESSAGE_RATE_TOO_HIGH(0x96, DISCONNECT),
    QUOTA_EXCEEDED(0x97, CONNACK, PUBACK, PUBREC, SUBACK, DISCONNECT),
    ADMINISTRATIVE_ACTION(0x98, DISCONNECT),
    PAYLOAD_FORMAT_INVALID(0x99, CONNACK, PUBACK, PUBREC, DISCONNECT),
    RETAIN_NOT_SUPPORTED(0x9A, CONNACK, DISCONNECT),
    QOS_NOT_SUPPORTED(0x9B, CONNACK, DISCONNECT),
    USE_ANOTHER_SERVER(0x9C, CONNACK, DISCONNECT),
    SERVER_MOVED(0x9D, CONNACK, DISCONNECT),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E, SUBACK, DISCONNECT),
    CONNECTION_RATE_EXCEEDED(0x9F, CONNACK, DISCONNECT),
    MAXIMUM_CONNECT_TIME(0xA0, DISCONNECT),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1, SUBACK, DISCONNECT),
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2, SUBACK, DISCONNECT);

    /** 0x00 in DISCONNECT. */
    public static final ReasonCode NORMAL_DISCONNECTION = SUCCESS;
    /** 0x00 in SUBACK. */
    public static final ReasonCode GRANTED_QOS_0 = SUCCESS;

    private static final ReasonCode[] BY_CODE = new ReasonCode[256];

    static {
        for (ReasonCode rc : values()) {
            BY_CODE[rc.code] = rc;
        }
    }

    private final int code;
    private final Set<PacketType> packets;

    ReasonCode(int code, PacketType first, PacketType... rest) {
        this.code = code;
        this.packets = EnumSet.of(first, rest);
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /** Codes of 0x80 and above report failure [MQTT-2.4]. */
    public boolean isError() {
        return code >= 0x80;
    }

    /** Whether the specification allows this code in a packet of {@code type}. */
    public boolean allowedIn(PacketType type) {
        return packets.contains(type);
    }

    /** The reason code for a byte, or {@code null} if the byte is not a reason code at all. */
    public static ReasonCode of(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /** The granted-QoS code of a SUBACK for {@code qos}. */
    public static ReasonCode granted(QoS qos) {
        return switch (qos) {
            case AT_MOST_ONCE -> SUCCESS;
            case AT_LEAST_ONCE -> GRANTED_QOS_1;
            case EXACTLY_ONCE -> GRANTED_QOS_2;
        };
    }

    /**
     * The MQTT 3.1/3.1.1 CONNACK return code (0-5) for this reason, choosing the closest
     * 3.x meaning for 5.0-only reasons (3.1.1 section 3.2.2.3).
     */
    public int toV3ConnAckCode() {
        return switch (this) {
            case SUCCESS -> 0;
            case UNSUPPORTED_PROTOCOL_VERSION -> 1;
            case CLIENT_IDENTIFIER_NOT_VALID -> 2;
            case BAD_USER_NAME_OR_PASSWORD, BAD_AUTHENTICATION_METHOD -> 4;
            case NOT_AUTHORIZED, BANNED -> 5;
            default -> 3; // server unavailable
        };
    }

    /** The reason for an MQTT 3.x CONNACK return code, or {@code null} for 6-255 (reserved). */
    public static ReasonCode fromV3ConnAckCode(int code) {
        return switch (code) {
            case 0 -> SUCCESS;
            case 1 -> UNSUPPORTED_PROTOCOL_VERSION;
            case 2 -> CLIENT_IDENTIFIER_NOT_VALID;
            case 3 -> SERVER_UNAVAILABLE;
            case 4 -> BAD_USER_NAME_OR_PASSWORD;
            case 5 -> NOT_AUTHORIZED;
            default -> null;
        };
    }
}
