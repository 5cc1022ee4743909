package dev.wren.codec;

/**
 * The one exception a decoder throws: the bytes are not a valid packet.
 *
 * <p>Carries the reason code the spec prescribes for the violation, usually
 * {@link ReasonCode#MALFORMED_PACKET} (0x81) or {@link ReasonCode#PROTOCOL_ERROR} (0x82), and
 * sometimes another (e.g. {@link ReasonCode#PACKET_TOO_LARGE}, {@link ReasonCode#TOPIC_ALIAS_INVALID}).
 * Stackless: peers can send garbage at line rate and a stack trace per bad packet would be
 * the cheapest denial of service there is.
 */
public final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ReasonCode reasonCode;

    public MalformedPacketException(ReasonCode reasonCode, String message) {
        super(message, null, false, false);
        this.reasonCode = reasonCode;
    }

    /** A malformed-packet (0x81) error. */
    public static MalformedPacketException malformed(String message) {
        return new MalformedPacketException(ReasonCode.MALFORMED_PACKET, message);
    }

    /** A protocol-error (0x82) error. */
    public static MalformedPacketException protocolError(String message) {
        return new MalformedPacketException(ReasonCode.PROTOCOL_ERROR, message);
    }

    public ReasonCode reasonCode() {
        return reasonCode;
    }
}
