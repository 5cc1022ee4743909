package dev.wren.codec.wire;

import dev.wren.codec.Binary;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.Topics;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Will;
import io.netty.buffer.ByteBuf;

/**
 * CONNECT (3.1) for every version. The packet names its own version, so this decoder does not
 * use the context's version: a server learns the version from it.
 *
 * <p>MQTT 3.1 limits the Client Identifier to 1..23 characters; like most 3.1 brokers we accept
 * longer (and, as 3.1.1 allows, empty) identifiers and leave the decision to the broker.
 */
final class ConnectDecoder {
    private static final int FLAG_RESERVED = 0x01;
    private static final int FLAG_CLEAN = 0x02;
    private static final int FLAG_WILL = 0x04;
    private static final int FLAG_WILL_RETAIN = 0x20;
    private static final int FLAG_PASSWORD = 0x40;
    private static final int FLAG_USERNAME = 0x80;

    private ConnectDecoder() {}

    static Connect decode(ByteBuf in, int end) {
        MqttVersion version = readProtocol(in, end);
        int flags = WireReader.readByte(in, end, "connect flags");
        checkFlags(flags, version);
        int keepAlive = WireReader.readShort(in, end, "keep alive");
        ConnectProperties properties = version.isV5()
                ? ConnectPropertiesDecoder.read(in, end) : ConnectProperties.DEFAULT;
        String clientId = WireReader.readString(in, end, "client identifier");
        Will will = (flags & FLAG_WILL) != 0 ? readWill(in, end, flags, version) : null;
        String username = (flags & FLAG_USERNAME) != 0 ? WireReader.readString(in, end, "user name") : null;
        Binary password = (flags & FLAG_PASSWORD) != 0 ? WireReader.readBinary(in, end, "password") : null;
        WireReader.expectEnd(in, end, "CONNECT");
        return new Connect(version, clientId, (flags & FLAG_CLEAN) != 0, keepAlive, username, password, will, properties);
    }

    /**
     * Protocol Name and Level: {@code MQIsdp}/3, {@code MQTT}/4, {@code MQTT}/5. Another name is
     * malformed [MQTT-3.1.2-1]; a known name with another level is UNSUPPORTED_PROTOCOL_VERSION,
     * to which the server answers with CONNACK 0x84 (5.0) or return code 1 (3.1.1) [MQTT-3.1.2-2].
     */
    private static MqttVersion readProtocol(ByteBuf in, int end) {
        String name = WireReader.readString(in, end, "protocol name");
        int level = WireReader.readByte(in, end, "protocol level");
        MqttVersion version = MqttVersion.of(name, level);
        if (version != null) {
            return version;
        }
        if (!name.equals("MQTT") && !name.equals("MQIsdp")) {
            throw MalformedPacketException.malformed("unknown protocol name '" + name + "' [MQTT-3.1.2-1]");
        }
        throw new MalformedPacketException(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                "unsupported protocol level " + level + " for '" + name + "' [MQTT-3.1.2-2]");
    }

    private static void checkFlags(int flags, MqttVersion version) {
        if ((flags & FLAG_RESERVED) != 0) {
            throw MalformedPacketException.malformed("reserved connect flag is set [MQTT-3.1.2-3]");
        }
        int willQos = (flags >> 3) & 3;
        if ((flags & FLAG_WILL) == 0) {
            if (willQos != 0) {
                throw MalformedPacketException.malformed(
                        "Will QoS set without Will Flag [MQTT-3.1.2-11] (3.1.1: [MQTT-3.1.2-13])");
            }
            if ((flags & FLAG_WILL_RETAIN) != 0) {
                throw MalformedPacketException.malformed(
                        "Will Retain set without Will Flag [MQTT-3.1.2-13] (3.1.1: [MQTT-3.1.2-15])");
            }
        } else if (willQos == 3) {
            throw MalformedPacketException.malformed("Will QoS 3 [MQTT-3.1.2-12] (3.1.1: [MQTT-3.1.2-14])");
        }
        if (!version.isV5() && (flags & FLAG_PASSWORD) != 0 && (flags & FLAG_USERNAME) == 0) {
            // 5.0 allows a password without a user name; 3.x does not.
            throw MalformedPacketException.malformed("Password Flag set without User Name Flag [MQTT-3.1.2-22]");
        }
    }

    private static Will readWill(ByteBuf in, int end, int flags, MqttVersion version) {
        PublishProperties properties = PublishProperties.NONE;
        long delay = 0;
        if (version.isV5()) {
            int propertiesEnd = PropertyReader.readLength(in, end);
            if (propertiesEnd > in.readerIndex()) {
                MessageProperties mp = new MessageProperties().read(in, propertiesEnd, true);
                properties = mp.toProperties();
                delay = mp.willDelayInterval;
            }
        }
        String topic = WireReader.readString(in, end, "will topic");
        String problem = Topics.checkName(topic);
        if (problem != null) {
            throw MalformedPacketException.malformed("Will Topic: " + problem);
        }
        Binary payload = WireReader.readBinary(in, end, "will payload");
        QoS qos = QoS.of((flags >> 3) & 3);
        return new Will(topic, payload, qos, (flags & FLAG_WILL_RETAIN) != 0, delay, properties);
    }
}
