package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** SUBSCRIBE (3.8); 3.x options carry only the QoS. */
final class SubscribeEncoder {
    private SubscribeEncoder() {}

    static int remainingLength(Subscribe s, MqttVersion v) {
        int n = 2;
        if (v.isV5()) {
            n += WireWriter.propertiesBlockSize(propertiesLength(s));
        }
        List<Subscription> subs = s.subscriptions();
        for (int i = 0, size = subs.size(); i < size; i++) {
            n += WireWriter.stringSize(subs.get(i).filter().value()) + 1;
        }
        return n;
    }

    static void write(Subscribe s, MqttVersion v, ByteBuf out) {
        out.writeShort(s.packetId());
        if (v.isV5()) {
            Vbi.write(out, propertiesLength(s));
            if (s.subscriptionIdentifier() != 0) {
                WireWriter.writeVbiProperty(out, Property.SUBSCRIPTION_IDENTIFIER, s.subscriptionIdentifier());
            }
            WireWriter.writeUserProperties(out, s.userProperties());
        }
        List<Subscription> subs = s.subscriptions();
        for (int i = 0, size = subs.size(); i < size; i++) {
            Subscription sub = subs.get(i);
            WireWriter.writeString(out, sub.filter().value());
            out.writeByte(v.isV5() ? options5(sub) : sub.qos().value());
        }
    }

    private static int options5(Subscription sub) {
        return sub.qos().value() | (sub.noLocal() ? 0x04 : 0) | (sub.retainAsPublished() ? 0x08 : 0)
                | (sub.retainHandling().value() << 4);
    }

    private static int propertiesLength(Subscribe s) {
        int n = s.subscriptionIdentifier() != 0 ? WireWriter.vbiPropertySize(s.subscriptionIdentifier()) : 0;
        return n + WireWriter.userPropertiesSize(s.userProperties());
    }
}
