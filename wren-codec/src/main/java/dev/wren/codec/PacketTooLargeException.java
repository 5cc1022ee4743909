package dev.wren.codec;

/**
 * An outbound packet does not fit into the peer's Maximum Packet Size even after dropping what
 * the specification allows to drop (Reason String, User Properties). The packet was not sent
 * [MQTT-3.1.2-24] [MQTT-3.2.2-15]; for a PUBLISH the sender discards the message as if it had
 * been delivered [MQTT-3.1.2-25].
 *
 * <p>Stackless: a subscriber with a small limit can trigger this once per message.
 */
public final class PacketTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PacketType packetType;
    private final int size;
    private final int maximum;

    /**
     * @param packetType type of the packet that was not sent
     * @param size its encoded size in bytes (after dropping optional properties)
     * @param maximum the peer's Maximum Packet Size
     */
    public PacketTooLargeException(PacketType packetType, int size, int maximum) {
        super(packetType + " of " + size + " bytes exceeds the peer's maximum packet size " + maximum, null, false, false);
        this.packetType = packetType;
        this.size = size;
        this.maximum = maximum;
    }

    /** The type of the packet that was not sent. */
    public PacketType packetType() {
        return packetType;
    }

    /** Its encoded size in bytes. */
    public int size() {
        return size;
    }

    /** The peer's Maximum Packet Size. */
    public int maximum() {
        return maximum;
    }
}
