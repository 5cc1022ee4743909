package dev.wren.codec.wire;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketType;

/** Checks of the first byte of a packet, done before its body is buffered. */
final class FixedHeader {
    private FixedHeader() {}

    static PacketType check(int first, DecoderContext ctx) {
        PacketType type = PacketType.of(first >> 4);
        if (type == null) {
            throw MalformedPacketException.malformed("reserved packet type 0 (2.1.2)");
        }
        checkFlags(type, first & 0x0F);
        MqttVersion v = ctx.version();
        if (v == null) {
            if (!ctx.serverSide()) {
                throw new IllegalStateException("a client decodes with the version it sent in CONNECT");
            }
            if (type != PacketType.CONNECT) {
                throw MalformedPacketException.protocolError(
                        "the first packet from a client must be CONNECT, not " + type + " [MQTT-3.1.0-1]");
            }
        } else if (type == PacketType.AUTH && !v.isV5()) {
            throw MalformedPacketException.malformed("packet type 15 (AUTH) is reserved in MQTT 3.x (2.2.1)");
        }
        checkDirection(type, ctx.serverSide());
        return type;
    }

    /**
     * PUBREL, SUBSCRIBE and UNSUBSCRIBE have flags 0010, PUBLISH its DUP/QoS/RETAIN, all others
     * 0000; anything else is malformed [MQTT-2.1.3-1] (3.1.1: [MQTT-2.2.2-2]).
     */
    private static void checkFlags(PacketType type, int flags) {
        if (type == PacketType.PUBLISH) {
            int qos = (flags >> 1) & 3;
            if (qos == 3) {
                throw MalformedPacketException.malformed("PUBLISH with QoS 3 [MQTT-3.3.1-4]");
            }
            if (qos == 0 && (flags & 0x08) != 0) {
                throw MalformedPacketException.malformed("DUP set on a QoS 0 PUBLISH [MQTT-3.3.1-2]");
            }
            return;
        }
        int expected = type == PacketType.PUBREL || type == PacketType.SUBSCRIBE || type == PacketType.UNSUBSCRIBE
                ? 0x02 : 0x00;
        if (flags != expected) {
            throw MalformedPacketException.malformed("invalid fixed header flags 0x" + Integer.toHexString(flags)
                    + " for " + type + " [MQTT-2.1.3-1] (3.1.1: [MQTT-2.2.2-2])");
        }
    }

    /** A packet that only flows the other way (table 2-1) is a protocol error. */
    private static void checkDirection(PacketType type, boolean serverSide) {
        boolean clientToServerOnly = type == PacketType.CONNECT || type == PacketType.SUBSCRIBE
                || type == PacketType.UNSUBSCRIBE || type == PacketType.PINGREQ;
        boolean serverToClientOnly = type == PacketType.CONNACK || type == PacketType.SUBACK
                || type == PacketType.UNSUBACK || type == PacketType.PINGRESP;
        if (serverSide ? serverToClientOnly : clientToServerOnly) {
            throw MalformedPacketException.protocolError(
                    type + " must not be sent by a " + (serverSide ? "client" : "server") + " (2.1.2)");
        }
    }
}
