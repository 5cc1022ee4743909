package dev.wren.codec.wire;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.PublishResponse;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP (3.4-3.7), which share one layout: Packet Identifier, then
 * in 5.0 an optional Reason Code and an optional property block. A Remaining Length of 2 means
 * Success without properties, 3 a reason code without properties (3.4.2.1).
 */
final class PublishResponseDecoder {
    private PublishResponseDecoder() {}

    static PublishResponse decode(PacketType type, ByteBuf in, int end, DecoderContext ctx) {
        int packetId = WireReader.readPacketId(in, end);
        ReasonCode rc = ReasonCode.SUCCESS;
        String reasonString = null;
        List<UserProperty> users = null;
        if (ctx.version().isV5() && in.readerIndex() < end) {
            rc = ReasonCodes.read(in, end, type);
            if (in.readerIndex() < end) {
                ReasonCodes.AckProperties props = ReasonCodes.AckProperties.read(in, end, type);
                reasonString = props.reasonString;
                users = props.userProperties;
            }
        }
        WireReader.expectEnd(in, end, type.name());
        return switch (type) {
            case PUBACK -> new PubAck(packetId, rc, reasonString, users);
            case PUBREC -> new PubRec(packetId, rc, reasonString, users);
            case PUBREL -> new PubRel(packetId, rc, reasonString, users);
            default -> new PubComp(packetId, rc, reasonString, users);
        };
    }
}
