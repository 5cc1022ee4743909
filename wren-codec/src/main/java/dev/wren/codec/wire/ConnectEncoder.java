package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Will;
import io.netty.buffer.ByteBuf;

/**
 * CONNECT (3.1). Always written in the version the packet names ({@link Connect#version()}),
 * whatever the channel's version, because a CONNECT is what establishes the version.
 */
final class ConnectEncoder {
    private ConnectEncoder() {}

    static int remainingLength(Connect c) {
        MqttVersion v = c.version();
        int n = WireWriter.stringSize(v.protocolName()) + 1 + 1 + 2;
        if (v.isV5()) {
            n += WireWriter.propertiesBlockSize(propertiesLength(c.properties()));
        }
        n += WireWriter.stringSize(c.clientId());
        Will will = c.will();
        if (will != null) {
            if (v.isV5()) {
                n += WireWriter.propertiesBlockSize(willPropertiesLength(will));
            }
            n += WireWriter.stringSize(will.topic()) + WireWriter.binarySize(will.payload());
        }
        if (c.username() != null) {
            n += WireWriter.stringSize(c.username());
        }
        if (c.password() != null) {
            n += WireWriter.binarySize(c.password());
        }
        return n;
    }

    static void write(Connect c, ByteBuf out) {
        MqttVersion v = c.version();
        WireWriter.writeString(out, v.protocolName());
        out.writeByte(v.level());
        out.writeByte(flags(c));
        out.writeShort(c.keepAlive());
        if (v.isV5()) {
            writeProperties(out, c.properties());
        }
        WireWriter.writeString(out, c.clientId());
        Will will = c.will();
        if (will != null) {
            if (v.isV5()) {
                Vbi.write(out, willPropertiesLength(will));
                if (will.delayInterval() != 0) {
                    WireWriter.writeIntProperty(out, Property.WILL_DELAY_INTERVAL, will.delayInterval());
                }
                MessageProperties.write(out, will.properties());
            }
            WireWriter.writeString(out, will.topic());
            WireWriter.writeBinary(out, will.payload());
        }
        if (c.username() != null) {
            WireWriter.writeString(out, c.username());
        }
        if (c.password() != null) {
            WireWriter.writeBinary(out, c.password());
        }
    }

    private static int flags(Connect c) {
        if (!c.version().isV5() && c.password() != null && c.username() == null) {
            throw new IllegalArgumentException("MQTT 3.x cannot send a password without a user name [MQTT-3.1.2-22]");
        }
        int flags = c.cleanStart() ? 0x02 : 0;
        Will will = c.will();
        if (will != null) {
            flags |= 0x04 | (will.qos().value() << 3) | (will.retain() ? 0x20 : 0);
        }
        flags |= c.password() != null ? 0x40 : 0;
        flags |= c.username() != null ? 0x80 : 0;
        return flags;
    }

    private static int willPropertiesLength(Will will) {
        return (will.delayInterval() != 0 ? 5 : 0) + MessageProperties.length(will.properties());
    }

    private static int propertiesLength(ConnectProperties p) {
        int n = p.sessionExpiryInterval() != 0 ? 5 : 0;
        n += p.receiveMaximum() != 65_535 ? 3 : 0;
        n += p.maximumPacketSize() != 0 ? 5 : 0;
        n += p.topicAliasMaximum() != 0 ? 3 : 0;
        n += p.requestResponseInformation() ? 2 : 0;
        n += p.requestProblemInformation() ? 0 : 2;
        n += WireWriter.userPropertiesSize(p.userProperties());
        n += WireWriter.stringPropertySize(p.authenticationMethod());
        return n + WireWriter.binaryPropertySize(p.authenticationData());
    }

    private static void writeProperties(ByteBuf out, ConnectProperties p) {
        Vbi.write(out, propertiesLength(p));
        if (p.sessionExpiryInterval() != 0) {
            WireWriter.writeIntProperty(out, Property.SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
        }
        if (p.receiveMaximum() != 65_535) {
            WireWriter.writeShortProperty(out, Property.RECEIVE_MAXIMUM, p.receiveMaximum());
        }
        if (p.maximumPacketSize() != 0) {
            WireWriter.writeIntProperty(out, Property.MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
        }
        if (p.topicAliasMaximum() != 0) {
            WireWriter.writeShortProperty(out, Property.TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
        }
        if (p.requestResponseInformation()) {
            WireWriter.writeByteProperty(out, Property.REQUEST_RESPONSE_INFORMATION, 1);
        }
        if (!p.requestProblemInformation()) {
            WireWriter.writeByteProperty(out, Property.REQUEST_PROBLEM_INFORMATION, 0);
        }
        WireWriter.writeUserProperties(out, p.userProperties());
        WireWriter.writeStringProperty(out, Property.AUTHENTICATION_METHOD, p.authenticationMethod());
        WireWriter.writeBinaryProperty(out, Property.AUTHENTICATION_DATA, p.authenticationData());
    }
}
