package dev.wren.codec.wire;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.PacketType;
import dev.wren.codec.QoS;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE (3.8) for every version. 3.x sends only the requested QoS in the options byte, the
 * other six bits being reserved [MQTT-3-8.3-4] (3.1.1); 5.0 adds No Local, Retain As Published
 * and Retain Handling, with bits 6-7 reserved [MQTT-3.8.3-5].
 */
final class SubscribeDecoder {
    private SubscribeDecoder() {}

    static Subscribe decode(ByteBuf in, int end, DecoderContext ctx) {
        int packetId = WireReader.readPacketId(in, end);
        int subscriptionId = 0;
        List<UserProperty> users = null;
        MqttVersion v = ctx.version();
        if (v.isV5()) {
            int propertiesEnd = PropertyReader.readLength(in, end);
            long seen = 0;
            while (in.readerIndex() < propertiesEnd) {
                Property p = PropertyReader.next(in, propertiesEnd, PacketType.SUBSCRIBE, false);
                seen = PropertyReader.markSeen(seen, p, PacketType.SUBSCRIBE);
                if (p == Property.SUBSCRIPTION_IDENTIFIER) {
                    subscriptionId = PropertyReader.readSubscriptionIdentifier(in, propertiesEnd);
                } else {
                    users = PropertyReader.readUserProperty(in, propertiesEnd, users);
                }
            }
        }
        List<Subscription> subscriptions = new ArrayList<>(4);
        while (in.readerIndex() < end) {
            TopicFilter filter = TopicFilter.decode(WireReader.readString(in, end, "topic filter"));
            int options = WireReader.readByte(in, end, "subscription options");
            subscriptions.add(v.isV5() ? options5(filter, options) : options3(filter, options));
        }
        if (subscriptions.isEmpty()) {
            throw MalformedPacketException.protocolError("SUBSCRIBE without a topic filter [MQTT-3.8.3-2] (3.1.1: [MQTT-3.8.3-3])");
        }
        return new Subscribe(packetId, subscriptions, subscriptionId, users);
    }

    private static Subscription options3(TopicFilter filter, int options) {
        if ((options & 0xFC) != 0) {
            throw MalformedPacketException.malformed("reserved bits set in the requested QoS byte [MQTT-3-8.3-4]");
        }
        return new Subscription(filter, qos(options & 3));
    }

    private static Subscription options5(TopicFilter filter, int options) {
        if ((options & 0xC0) != 0) {
            throw MalformedPacketException.malformed("reserved bits set in subscription options [MQTT-3.8.3-5]");
        }
        boolean noLocal = (options & 0x04) != 0;
        int retainHandling = (options >> 4) & 3;
        if (retainHandling == 3) {
            throw MalformedPacketException.protocolError("Retain Handling 3 (3.8.3.1)");
        }
        if (noLocal && filter.isShared()) {
            throw MalformedPacketException.protocolError("No Local on a shared subscription [MQTT-3.8.3-4]");
        }
        return new Subscription(filter, qos(options & 3), noLocal, (options & 0x08) != 0,
                RetainHandling.of(retainHandling));
    }

    private static QoS qos(int value) {
        if (value == 3) {
            throw MalformedPacketException.malformed("requested QoS 3 (3.8.3.1)");
        }
        return QoS.of(value);
    }
}
