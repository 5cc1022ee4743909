package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.PublishResponse;
import io.netty.buffer.ByteBuf;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP (3.4-3.7). In 5.0 the shortest form is used: the Reason
 * Code and Property Length are omitted for Success without properties, the Property Length
 * for any reason without properties (3.4.2.1).
 */
final class PublishResponseEncoder {
    private PublishResponseEncoder() {}

    static int remainingLength(PublishResponse p, MqttVersion v) {
        if (!v.isV5()) {
            return 2;
        }
        int props = ReasonCodes.ackPropertiesLength(p.reasonString(), p.userProperties());
        if (props == 0) {
            return p.reasonCode() == ReasonCode.SUCCESS ? 2 : 3;
        }
        return 3 + WireWriter.propertiesBlockSize(props);
    }

    static void write(PublishResponse p, MqttVersion v, ByteBuf out) {
        out.writeShort(p.packetId());
        if (!v.isV5()) {
            return;
        }
        checkReasonCode(p);
        int props = ReasonCodes.ackPropertiesLength(p.reasonString(), p.userProperties());
        if (props == 0 && p.reasonCode() == ReasonCode.SUCCESS) {
            return;
        }
        out.writeByte(p.reasonCode().code());
        if (props > 0) {
            ReasonCodes.writeAckProperties(out, props, p.reasonString(), p.userProperties());
        }
    }

    private static void checkReasonCode(PublishResponse p) {
        if (!p.reasonCode().allowedIn(p.type())) {
            throw new IllegalArgumentException(p.reasonCode() + " is not a valid reason code for " + p.type());
        }
    }
}
