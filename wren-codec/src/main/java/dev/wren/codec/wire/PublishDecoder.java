package dev.wren.codec.wire;

import dev.wren.codec.Binary;
import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * PUBLISH (3.3) for every version. Hot path: allocates the topic String, the payload array
 * and its {@link Binary}, and the record; properties only when the packet has some.
 */
final class PublishDecoder {
    private PublishDecoder() {}

    static Publish decode(int flags, ByteBuf in, int end, DecoderContext ctx) {
        // Fixed-header flags were checked by MqttDecoder: QoS 3 [MQTT-3.3.1-4], DUP on QoS 0 [MQTT-3.3.1-2].
        QoS qos = QoS.of((flags >> 1) & 3);
        boolean dup = (flags & 0x08) != 0;
        boolean retain = (flags & 0x01) != 0;
        String topic = WireReader.readString(in, end, "topic name");
        checkTopic(topic, ctx);
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : WireReader.readPacketId(in, end);
        PublishProperties properties = PublishProperties.NONE;
        int topicAlias = 0;
        List<Integer> subscriptionIds = List.of();
        if (ctx.version().isV5()) {
            int propertiesEnd = PropertyReader.readLength(in, end);
            if (propertiesEnd > in.readerIndex()) {
                MessageProperties mp = new MessageProperties().read(in, propertiesEnd, false);
                properties = mp.toProperties();
                topicAlias = mp.topicAlias;
                if (mp.subscriptionIdentifiers != null) {
                    subscriptionIds = checkSubscriptionIds(mp.subscriptionIdentifiers, ctx);
                }
            }
            if (topic.isEmpty() && topicAlias == 0) {
                throw MalformedPacketException.protocolError("empty topic name without a Topic Alias (3.3.2.1)");
            }
        }
        Binary payload = WireReader.readRest(in, end);
        return new Publish(topic, payload, qos, retain, dup, packetId, properties, topicAlias, subscriptionIds);
    }

    private static void checkTopic(String topic, DecoderContext ctx) {
        if (topic.isEmpty()) {
            if (!ctx.version().isV5()) {
                // 3.x has no Topic Alias: a topic name has at least one character [MQTT-4.7.3-1].
                throw MalformedPacketException.malformed("empty topic name [MQTT-4.7.3-1]");
            }
            return;
        }
        for (int i = 0, n = topic.length(); i < n; i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                throw MalformedPacketException.malformed("topic name contains wildcard '" + c + "' [MQTT-3.3.2-2]");
            }
        }
    }

    private static List<Integer> checkSubscriptionIds(List<Integer> ids, DecoderContext ctx) {
        if (ctx.serverSide()) {
            throw MalformedPacketException.protocolError(
                    "a PUBLISH from a client must not contain a Subscription Identifier [MQTT-3.3.4-6]");
        }
        return ids;
    }
}
