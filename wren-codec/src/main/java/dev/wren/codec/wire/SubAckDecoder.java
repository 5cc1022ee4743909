package dev.wren.codec.wire;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.PacketType;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.SubAck;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBACK (3.9). 3.x allows only the return codes 0x00, 0x01, 0x02 and 0x80 [MQTT-3.9.3-2]
 * (3.1.1); 5.0 any SUBACK reason code (3.9.3).
 */
final class SubAckDecoder {
    private SubAckDecoder() {}

    static SubAck decode(ByteBuf in, int end, DecoderContext ctx) {
        int packetId = WireReader.readPacketId(in, end);
        ReasonCodes.AckProperties props = null;
        boolean v5 = ctx.version().isV5();
        if (v5) {
            props = ReasonCodes.AckProperties.read(in, end, PacketType.SUBACK);
        }
        List<ReasonCode> codes = new ArrayList<>(Math.max(1, end - in.readerIndex()));
        while (in.readerIndex() < end) {
            codes.add(v5 ? ReasonCodes.read(in, end, PacketType.SUBACK) : readV3(in, end));
        }
        return props == null
                ? new SubAck(packetId, codes)
                : new SubAck(packetId, codes, props.reasonString, props.userProperties);
    }

    private static ReasonCode readV3(ByteBuf in, int end) {
        int code = WireReader.readByte(in, end, "return code");
        return switch (code) {
            case 0x00 -> ReasonCode.GRANTED_QOS_0;
            case 0x01 -> ReasonCode.GRANTED_QOS_1;
            case 0x02 -> ReasonCode.GRANTED_QOS_2;
            case 0x80 -> ReasonCode.UNSPECIFIED_ERROR;
            default -> throw MalformedPacketException.malformed(
                    "SUBACK return code 0x" + Integer.toHexString(code) + " is reserved [MQTT-3.9.3-2]");
        };
    }
}
