package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Disconnect;
import io.netty.buffer.ByteBuf;

/** DISCONNECT (3.14): empty in 3.x; in 5.0 the shortest form that carries the reason and properties. */
final class DisconnectEncoder {
    private DisconnectEncoder() {}

    static int remainingLength(Disconnect d, MqttVersion v) {
        if (!v.isV5()) {
            return 0;
        }
        int props = propertiesLength(d);
        if (props == 0) {
            return d.reasonCode() == ReasonCode.NORMAL_DISCONNECTION ? 0 : 1;
        }
        return 1 + WireWriter.propertiesBlockSize(props);
    }

    static void write(Disconnect d, MqttVersion v, ByteBuf out) {
        if (!v.isV5()) {
            return;
        }
        if (!d.reasonCode().allowedIn(d.type())) {
            throw new IllegalArgumentException(d.reasonCode() + " is not a valid reason code for DISCONNECT");
        }
        int props = propertiesLength(d);
        if (props == 0 && d.reasonCode() == ReasonCode.NORMAL_DISCONNECTION) {
            return;
        }
        out.writeByte(d.reasonCode().code());
        if (props == 0) {
            return;
        }
        Vbi.write(out, props);
        if (d.sessionExpiryInterval() >= 0) {
            WireWriter.writeIntProperty(out, Property.SESSION_EXPIRY_INTERVAL, d.sessionExpiryInterval());
        }
        WireWriter.writeStringProperty(out, Property.REASON_STRING, d.reasonString());
        WireWriter.writeStringProperty(out, Property.SERVER_REFERENCE, d.serverReference());
        WireWriter.writeUserProperties(out, d.userProperties());
    }

    private static int propertiesLength(Disconnect d) {
        int n = d.sessionExpiryInterval() >= 0 ? 5 : 0;
        n += WireWriter.stringPropertySize(d.reasonString());
        n += WireWriter.stringPropertySize(d.serverReference());
        return n + WireWriter.userPropertiesSize(d.userProperties());
    }
}
