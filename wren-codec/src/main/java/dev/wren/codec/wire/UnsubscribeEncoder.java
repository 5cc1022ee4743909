package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.Unsubscribe;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** UNSUBSCRIBE (3.10). */
final class UnsubscribeEncoder {
    private UnsubscribeEncoder() {}

    static int remainingLength(Unsubscribe u, MqttVersion v) {
        int n = 2;
        if (v.isV5()) {
            n += WireWriter.propertiesBlockSize(WireWriter.userPropertiesSize(u.userProperties()));
        }
        List<TopicFilter> filters = u.filters();
        for (int i = 0, size = filters.size(); i < size; i++) {
            n += WireWriter.stringSize(filters.get(i).value());
        }
        return n;
    }

    static void write(Unsubscribe u, MqttVersion v, ByteBuf out) {
        out.writeShort(u.packetId());
        if (v.isV5()) {
            Vbi.write(out, WireWriter.userPropertiesSize(u.userProperties()));
            WireWriter.writeUserProperties(out, u.userProperties());
        }
        List<TopicFilter> filters = u.filters();
        for (int i = 0, size = filters.size(); i < size; i++) {
            WireWriter.writeString(out, filters.get(i).value());
        }
    }
}
