package dev.wren.codec.wire;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketType;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Unsubscribe;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** UNSUBSCRIBE (3.10) for every version: at least one topic filter [MQTT-3.10.3-2]. */
final class UnsubscribeDecoder {
    private UnsubscribeDecoder() {}

    static Unsubscribe decode(ByteBuf in, int end, DecoderContext ctx) {
        int packetId = WireReader.readPacketId(in, end);
        List<UserProperty> users = null;
        if (ctx.version().isV5()) {
            int propertiesEnd = PropertyReader.readLength(in, end);
            while (in.readerIndex() < propertiesEnd) {
                // USER_PROPERTY is the only property allowed here and it may repeat.
                PropertyReader.next(in, propertiesEnd, PacketType.UNSUBSCRIBE, false);
                users = PropertyReader.readUserProperty(in, propertiesEnd, users);
            }
        }
        List<TopicFilter> filters = new ArrayList<>(4);
        while (in.readerIndex() < end) {
            filters.add(TopicFilter.decode(WireReader.readString(in, end, "topic filter")));
        }
        if (filters.isEmpty()) {
            throw MalformedPacketException.protocolError("UNSUBSCRIBE without a topic filter [MQTT-3.10.3-2]");
        }
        return new Unsubscribe(packetId, filters, users);
    }
}
