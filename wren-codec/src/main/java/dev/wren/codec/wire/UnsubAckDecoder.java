package dev.wren.codec.wire;

import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.UnsubAck;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** UNSUBACK (3.11): in 3.x only the Packet Identifier; in 5.0 properties and one reason code per filter. */
final class UnsubAckDecoder {
    private UnsubAckDecoder() {}

    static UnsubAck decode(ByteBuf in, int end, DecoderContext ctx) {
        int packetId = WireReader.readPacketId(in, end);
        if (!ctx.version().isV5()) {
            WireReader.expectEnd(in, end, "UNSUBACK");
            return new UnsubAck(packetId, List.of());
        }
        ReasonCodes.AckProperties props = ReasonCodes.AckProperties.read(in, end, PacketType.UNSUBACK);
        List<ReasonCode> codes = new ArrayList<>(Math.max(1, end - in.readerIndex()));
        while (in.readerIndex() < end) {
            codes.add(ReasonCodes.read(in, end, PacketType.UNSUBACK));
        }
        return new UnsubAck(packetId, codes, props.reasonString, props.userProperties);
    }
}
