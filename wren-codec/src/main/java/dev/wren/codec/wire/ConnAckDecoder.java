package dev.wren.codec.wire;

import dev.wren.codec.Binary;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * CONNACK (3.2) for every version. In 3.x: acknowledge flags (bits 7-1 reserved and 0: 3.1.1
 * section 3.2.2.1, no statement id; 5.0 [MQTT-3.2.2-1]) and a return code 0..5; in 5.0 a reason code and properties. MQTT 3.1 has no
 * Session Present flag, so the whole first byte must be 0 there.
 */
final class ConnAckDecoder {
    private long sessionExpiryInterval = -1;
    private int receiveMaximum = 65_535;
    private int maximumQos = 2;
    private boolean retainAvailable = true;
    private long maximumPacketSize;
    private String assignedClientIdentifier;
    private int topicAliasMaximum;
    private String reasonString;
    private List<UserProperty> userProperties;
    private boolean wildcardSubscriptionAvailable = true;
    private boolean subscriptionIdentifiersAvailable = true;
    private boolean sharedSubscriptionAvailable = true;
    private int serverKeepAlive = -1;
    private String responseInformation;
    private String serverReference;
    private String authenticationMethod;
    private Binary authenticationData;

    private ConnAckDecoder() {}

    static ConnAck decode(ByteBuf in, int end, DecoderContext ctx) {
        int ackFlags = WireReader.readByte(in, end, "acknowledge flags");
        int reservedMask = ctx.version() == MqttVersion.V3_1 ? 0xFF : 0xFE;
        if ((ackFlags & reservedMask) != 0) {
            throw MalformedPacketException.malformed("reserved CONNACK flag bits are set [MQTT-3.2.2-1] (5.0 numbering; 3.1.1: 3.2.2.1)");
        }
        boolean sessionPresent = (ackFlags & 0x01) != 0;
        ReasonCode rc;
        ConnAckProperties properties = ConnAckProperties.DEFAULT;
        if (ctx.version().isV5()) {
            rc = ReasonCodes.read(in, end, PacketType.CONNACK);
            properties = readProperties(in, end);
        } else {
            int code = WireReader.readByte(in, end, "return code");
            rc = ReasonCode.fromV3ConnAckCode(code);
            if (rc == null) {
                throw MalformedPacketException.malformed("CONNACK return code " + code + " is reserved (3.2.2.3)");
            }
        }
        if (sessionPresent && rc.isError()) {
            throw MalformedPacketException.protocolError(
                    "Session Present set with a failure reason code [MQTT-3.2.2-6] (3.1.1: [MQTT-3.2.2-4])");
        }
        WireReader.expectEnd(in, end, "CONNACK");
        return new ConnAck(sessionPresent, rc, properties);
    }

    private static ConnAckProperties readProperties(ByteBuf in, int end) {
        int propertiesEnd = PropertyReader.readLength(in, end);
        if (propertiesEnd == in.readerIndex()) {
            return ConnAckProperties.DEFAULT;
        }
        ConnAckDecoder d = new ConnAckDecoder();
        long seen = 0;
        while (in.readerIndex() < propertiesEnd) {
            Property p = PropertyReader.next(in, propertiesEnd, PacketType.CONNACK, false);
            seen = PropertyReader.markSeen(seen, p, PacketType.CONNACK);
            d.readOne(in, propertiesEnd, p);
        }
        if (d.authenticationData != null && d.authenticationMethod == null) {
            throw MalformedPacketException.protocolError("Authentication Data without Authentication Method");
        }
        return new ConnAckProperties(d.sessionExpiryInterval, d.receiveMaximum, d.maximumQos, d.retainAvailable,
                d.maximumPacketSize, d.assignedClientIdentifier, d.topicAliasMaximum, d.reasonString, d.userProperties,
                d.wildcardSubscriptionAvailable, d.subscriptionIdentifiersAvailable, d.sharedSubscriptionAvailable,
                d.serverKeepAlive, d.responseInformation, d.serverReference, d.authenticationMethod,
                d.authenticationData);
    }

    private void readOne(ByteBuf in, int end, Property p) {
        switch (p) {
            case SESSION_EXPIRY_INTERVAL -> sessionExpiryInterval = WireReader.readInt(in, end, p.name());
            case RECEIVE_MAXIMUM -> receiveMaximum = PropertyReader.readNonZeroShort(in, end, p);
            case MAXIMUM_QOS -> maximumQos = PropertyReader.readFlag(in, end, p) ? 1 : 0;
            case RETAIN_AVAILABLE -> retainAvailable = PropertyReader.readFlag(in, end, p);
            case MAXIMUM_PACKET_SIZE -> maximumPacketSize = PropertyReader.readMaximumPacketSize(in, end);
            case ASSIGNED_CLIENT_IDENTIFIER -> assignedClientIdentifier = WireReader.readString(in, end, p.name());
            case TOPIC_ALIAS_MAXIMUM -> topicAliasMaximum = WireReader.readShort(in, end, p.name());
            case REASON_STRING -> reasonString = WireReader.readString(in, end, p.name());
            case USER_PROPERTY -> userProperties = PropertyReader.readUserProperty(in, end, userProperties);
            case WILDCARD_SUBSCRIPTION_AVAILABLE -> wildcardSubscriptionAvailable = PropertyReader.readFlag(in, end, p);
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE -> subscriptionIdentifiersAvailable = PropertyReader.readFlag(in, end, p);
            case SHARED_SUBSCRIPTION_AVAILABLE -> sharedSubscriptionAvailable = PropertyReader.readFlag(in, end, p);
            case SERVER_KEEP_ALIVE -> serverKeepAlive = WireReader.readShort(in, end, p.name());
            case RESPONSE_INFORMATION -> responseInformation = WireReader.readString(in, end, p.name());
            case SERVER_REFERENCE -> serverReference = WireReader.readString(in, end, p.name());
            case AUTHENTICATION_METHOD -> authenticationMethod = WireReader.readString(in, end, p.name());
            case AUTHENTICATION_DATA -> authenticationData = WireReader.readBinary(in, end, p.name());
            default -> throw MalformedPacketException.malformed(p + " is not allowed in CONNACK");
        }
    }
}
