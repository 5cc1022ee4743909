package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import io.netty.buffer.ByteBuf;

/**
 * CONNACK (3.2). In 3.x the reason code becomes the nearest return code and the properties are
 * not sent; 3.1 has no Session Present flag, and a refusal is always sent with Session Present 0.
 * Properties at their default are not written.
 */
final class ConnAckEncoder {
    private ConnAckEncoder() {}

    static int remainingLength(ConnAck c, MqttVersion v) {
        return v.isV5() ? 2 + WireWriter.propertiesBlockSize(propertiesLength(c.properties())) : 2;
    }

    static void write(ConnAck c, MqttVersion v, ByteBuf out) {
        // 3.1 has no Session Present; a refusal always carries 0 [MQTT-3.2.2-6] (3.1.1: [MQTT-3.2.2-4]).
        boolean sessionPresent = c.sessionPresent() && v != MqttVersion.V3_1 && !c.reasonCode().isError();
        out.writeByte(sessionPresent ? 1 : 0);
        if (!v.isV5()) {
            out.writeByte(c.reasonCode().toV3ConnAckCode());
            return;
        }
        if (!c.reasonCode().allowedIn(c.type())) {
            throw new IllegalArgumentException(c.reasonCode() + " is not a valid reason code for CONNACK");
        }
        out.writeByte(c.reasonCode().code());
        ConnAckProperties p = c.properties();
        Vbi.write(out, propertiesLength(p));
        writeNumbers(out, p);
        WireWriter.writeStringProperty(out, Property.ASSIGNED_CLIENT_IDENTIFIER, p.assignedClientIdentifier());
        WireWriter.writeStringProperty(out, Property.REASON_STRING, p.reasonString());
        WireWriter.writeUserProperties(out, p.userProperties());
        WireWriter.writeStringProperty(out, Property.RESPONSE_INFORMATION, p.responseInformation());
        WireWriter.writeStringProperty(out, Property.SERVER_REFERENCE, p.serverReference());
        WireWriter.writeStringProperty(out, Property.AUTHENTICATION_METHOD, p.authenticationMethod());
        WireWriter.writeBinaryProperty(out, Property.AUTHENTICATION_DATA, p.authenticationData());
    }

    static int propertiesLength(ConnAckProperties p) {
        int n = p.sessionExpiryInterval() >= 0 ? 5 : 0;
        n += p.receiveMaximum() != 65_535 ? 3 : 0;
        n += p.maximumQos() < 2 ? 2 : 0;
        n += p.retainAvailable() ? 0 : 2;
        n += p.maximumPacketSize() != 0 ? 5 : 0;
        n += p.topicAliasMaximum() != 0 ? 3 : 0;
        n += p.wildcardSubscriptionAvailable() ? 0 : 2;
        n += p.subscriptionIdentifiersAvailable() ? 0 : 2;
        n += p.sharedSubscriptionAvailable() ? 0 : 2;
        n += p.serverKeepAlive() >= 0 ? 3 : 0;
        n += WireWriter.stringPropertySize(p.assignedClientIdentifier());
        n += WireWriter.stringPropertySize(p.reasonString());
        n += WireWriter.userPropertiesSize(p.userProperties());
        n += WireWriter.stringPropertySize(p.responseInformation());
        n += WireWriter.stringPropertySize(p.serverReference());
        n += WireWriter.stringPropertySize(p.authenticationMethod());
        return n + WireWriter.binaryPropertySize(p.authenticationData());
    }

    private static void writeNumbers(ByteBuf out, ConnAckProperties p) {
        if (p.sessionExpiryInterval() >= 0) {
            WireWriter.writeIntProperty(out, Property.SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
        }
        if (p.receiveMaximum() != 65_535) {
            WireWriter.writeShortProperty(out, Property.RECEIVE_MAXIMUM, p.receiveMaximum());
        }
        if (p.maximumQos() < 2) {
            WireWriter.writeByteProperty(out, Property.MAXIMUM_QOS, p.maximumQos());
        }
        if (!p.retainAvailable()) {
            WireWriter.writeByteProperty(out, Property.RETAIN_AVAILABLE, 0);
        }
        if (p.maximumPacketSize() != 0) {
            WireWriter.writeIntProperty(out, Property.MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
        }
        if (p.topicAliasMaximum() != 0) {
            WireWriter.writeShortProperty(out, Property.TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
        }
        if (!p.wildcardSubscriptionAvailable()) {
            WireWriter.writeByteProperty(out, Property.WILDCARD_SUBSCRIPTION_AVAILABLE, 0);
        }
        if (!p.subscriptionIdentifiersAvailable()) {
            WireWriter.writeByteProperty(out, Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0);
        }
        if (!p.sharedSubscriptionAvailable()) {
            WireWriter.writeByteProperty(out, Property.SHARED_SUBSCRIPTION_AVAILABLE, 0);
        }
        if (p.serverKeepAlive() >= 0) {
            WireWriter.writeShortProperty(out, Property.SERVER_KEEP_ALIVE, p.serverKeepAlive());
        }
    }
}
