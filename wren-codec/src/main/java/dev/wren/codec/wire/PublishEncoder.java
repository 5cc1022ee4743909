package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Publish;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** PUBLISH (3.3) for every version; 5.0-only fields are skipped for 3.x. */
final class PublishEncoder {
    private PublishEncoder() {}

    static int flags(Publish p) {
        return (p.dup() ? 0x08 : 0) | (p.qos().value() << 1) | (p.retain() ? 0x01 : 0);
    }

    static int remainingLength(Publish p, MqttVersion v) {
        int n = WireWriter.stringSize(p.topic()) + (p.qos() == QoS.AT_MOST_ONCE ? 0 : 2);
        if (v.isV5()) {
            n += WireWriter.propertiesBlockSize(propertiesLength(p));
        }
        return n + p.payload().length();
    }

    static void write(Publish p, MqttVersion v, ByteBuf out) {
        WireWriter.writeString(out, p.topic());
        if (p.qos() != QoS.AT_MOST_ONCE) {
            if (p.packetId() == 0) {
                throw new IllegalArgumentException("a QoS " + p.qos().value() + " PUBLISH needs a packet identifier");
            }
            out.writeShort(p.packetId());
        }
        if (v.isV5()) {
            Vbi.write(out, propertiesLength(p));
            MessageProperties.write(out, p.properties());
            if (p.topicAlias() != 0) {
                WireWriter.writeShortProperty(out, Property.TOPIC_ALIAS, p.topicAlias());
            }
            List<Integer> ids = p.subscriptionIdentifiers();
            for (int i = 0, n = ids.size(); i < n; i++) {
                WireWriter.writeVbiProperty(out, Property.SUBSCRIPTION_IDENTIFIER, ids.get(i));
            }
        }
        out.writeBytes(p.payload().unsafeArray());
    }

    private static int propertiesLength(Publish p) {
        int n = MessageProperties.length(p.properties());
        if (p.topicAlias() != 0) {
            n += 3;
        }
        List<Integer> ids = p.subscriptionIdentifiers();
        for (int i = 0, size = ids.size(); i < size; i++) {
            n += WireWriter.vbiPropertySize(ids.get(i));
        }
        return n;
    }
}
