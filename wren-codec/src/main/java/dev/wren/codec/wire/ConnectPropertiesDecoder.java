package dev.wren.codec.wire;

import dev.wren.codec.Binary;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketType;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.ConnectProperties;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** CONNECT properties (3.1.2.11). Mutable, one instance per decode call. */
final class ConnectPropertiesDecoder {
    private long sessionExpiryInterval;
    private int receiveMaximum = 65_535;
    private long maximumPacketSize;
    private int topicAliasMaximum;
    private boolean requestResponseInformation;
    private boolean requestProblemInformation = true;
    private List<UserProperty> userProperties;
    private String authenticationMethod;
    private Binary authenticationData;

    private ConnectPropertiesDecoder() {}

    static ConnectProperties read(ByteBuf in, int end) {
        int propertiesEnd = PropertyReader.readLength(in, end);
        if (propertiesEnd == in.readerIndex()) {
            return ConnectProperties.DEFAULT;
        }
        ConnectPropertiesDecoder d = new ConnectPropertiesDecoder();
        long seen = 0;
        while (in.readerIndex() < propertiesEnd) {
            Property p = PropertyReader.next(in, propertiesEnd, PacketType.CONNECT, false);
            seen = PropertyReader.markSeen(seen, p, PacketType.CONNECT);
            d.readOne(in, propertiesEnd, p);
        }
        if (d.authenticationData != null && d.authenticationMethod == null) {
            throw MalformedPacketException.protocolError("Authentication Data without Authentication Method (3.1.2.11.10)");
        }
        return new ConnectProperties(d.sessionExpiryInterval, d.receiveMaximum, d.maximumPacketSize, d.topicAliasMaximum,
                d.requestResponseInformation, d.requestProblemInformation, d.userProperties, d.authenticationMethod,
                d.authenticationData);
    }

    private void readOne(ByteBuf in, int end, Property p) {
        switch (p) {
            case SESSION_EXPIRY_INTERVAL -> sessionExpiryInterval = WireReader.readInt(in, end, p.name());
            case RECEIVE_MAXIMUM -> receiveMaximum = PropertyReader.readNonZeroShort(in, end, p);
            case MAXIMUM_PACKET_SIZE -> maximumPacketSize = PropertyReader.readMaximumPacketSize(in, end);
            case TOPIC_ALIAS_MAXIMUM -> topicAliasMaximum = WireReader.readShort(in, end, p.name());
            case REQUEST_RESPONSE_INFORMATION -> requestResponseInformation = PropertyReader.readFlag(in, end, p);
            case REQUEST_PROBLEM_INFORMATION -> requestProblemInformation = PropertyReader.readFlag(in, end, p);
            case USER_PROPERTY -> userProperties = PropertyReader.readUserProperty(in, end, userProperties);
            case AUTHENTICATION_METHOD -> authenticationMethod = WireReader.readString(in, end, p.name());
            case AUTHENTICATION_DATA -> authenticationData = WireReader.readBinary(in, end, p.name());
            default -> throw MalformedPacketException.malformed(p + " is not allowed in CONNECT");
        }
    }
}
