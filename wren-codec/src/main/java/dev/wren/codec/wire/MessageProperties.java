package dev.wren.codec.wire;

import dev.wren.codec.Binary;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The application-message properties shared by PUBLISH (3.3.2.3) and Will Properties (3.1.3.2):
 * one reader instance per property block (created only when the block is not empty), plus the
 * static size and write methods. Confined to the decoding thread; never shared.
 */
final class MessageProperties {
    private boolean payloadUtf8;
    private long messageExpiryInterval = -1;
    private String contentType;
    private String responseTopic;
    private Binary correlationData;
    private List<UserProperty> userProperties;
    /** PUBLISH only. */
    int topicAlias;
    /** PUBLISH only; {@code null} when none. */
    List<Integer> subscriptionIdentifiers;
    /** Will only. */
    long willDelayInterval;

    /** Reads the properties up to {@code propertiesEnd}; {@code will} selects the Will Properties rules. */
    MessageProperties read(ByteBuf in, int propertiesEnd, boolean will) {
        long seen = 0;
        while (in.readerIndex() < propertiesEnd) {
            Property p = PropertyReader.next(in, propertiesEnd, PacketType.PUBLISH, will);
            seen = PropertyReader.markSeen(seen, p, PacketType.PUBLISH);
            readOne(in, propertiesEnd, p);
        }
        return this;
    }

    private void readOne(ByteBuf in, int end, Property p) {
        switch (p) {
            case PAYLOAD_FORMAT_INDICATOR -> payloadUtf8 = PropertyReader.readFlag(in, end, p);
            case MESSAGE_EXPIRY_INTERVAL -> messageExpiryInterval = WireReader.readInt(in, end, "Message Expiry Interval");
            case CONTENT_TYPE -> contentType = WireReader.readString(in, end, "Content Type");
            case RESPONSE_TOPIC -> responseTopic = PropertyReader.readResponseTopic(in, end);
            case CORRELATION_DATA -> correlationData = WireReader.readBinary(in, end, "Correlation Data");
            case USER_PROPERTY -> userProperties = PropertyReader.readUserProperty(in, end, userProperties);
            case WILL_DELAY_INTERVAL -> willDelayInterval = WireReader.readInt(in, end, "Will Delay Interval");
            case TOPIC_ALIAS -> {
                topicAlias = WireReader.readShort(in, end, "Topic Alias");
                if (topicAlias == 0) {
                    // "A Topic Alias of 0 is not permitted" (3.3.2.3.4); the receiver answers 0x94.
                    throw new MalformedPacketException(ReasonCode.TOPIC_ALIAS_INVALID,
                            "Topic Alias must not be 0");
                }
            }
            case SUBSCRIPTION_IDENTIFIER -> {
                if (subscriptionIdentifiers == null) {
                    subscriptionIdentifiers = new ArrayList<>(2);
                }
                subscriptionIdentifiers.add(PropertyReader.readSubscriptionIdentifier(in, end));
            }
            default -> throw MalformedPacketException.malformed(p + " is not allowed here");
        }
    }

    PublishProperties toProperties() {
        if (!payloadUtf8 && messageExpiryInterval < 0 && contentType == null && responseTopic == null
                && correlationData == null && userProperties == null) {
            return PublishProperties.NONE;
        }
        return new PublishProperties(payloadUtf8, messageExpiryInterval, contentType, responseTopic, correlationData,
                userProperties);
    }

    /** Length of the application-message properties of {@code pp} (without the Property Length). */
    static int length(PublishProperties pp) {
        if (pp == PublishProperties.NONE) {
            return 0;
        }
        int n = pp.payloadUtf8() ? 2 : 0;
        n += pp.hasMessageExpiry() ? 5 : 0;
        n += WireWriter.stringPropertySize(pp.contentType());
        n += WireWriter.stringPropertySize(pp.responseTopic());
        n += WireWriter.binaryPropertySize(pp.correlationData());
        return n + WireWriter.userPropertiesSize(pp.userProperties());
    }

    /** Writes the application-message properties of {@code pp}, User Properties in their order [MQTT-3.3.2-18]. */
    static void write(ByteBuf out, PublishProperties pp) {
        if (pp == PublishProperties.NONE) {
            return;
        }
        if (pp.payloadUtf8()) {
            WireWriter.writeByteProperty(out, Property.PAYLOAD_FORMAT_INDICATOR, 1);
        }
        if (pp.hasMessageExpiry()) {
            WireWriter.writeIntProperty(out, Property.MESSAGE_EXPIRY_INTERVAL, pp.messageExpiryInterval());
        }
        WireWriter.writeStringProperty(out, Property.CONTENT_TYPE, pp.contentType());
        WireWriter.writeStringProperty(out, Property.RESPONSE_TOPIC, pp.responseTopic());
        WireWriter.writeBinaryProperty(out, Property.CORRELATION_DATA, pp.correlationData());
        WireWriter.writeUserProperties(out, pp.userProperties());
    }
}
