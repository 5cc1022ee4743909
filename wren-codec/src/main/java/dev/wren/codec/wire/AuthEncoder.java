package dev.wren.codec.wire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Auth;
import io.netty.buffer.ByteBuf;

/** AUTH (3.15, 5.0 only). */
final class AuthEncoder {
    private AuthEncoder() {}

    static int remainingLength(Auth a, MqttVersion v) {
        checkVersion(v);
        int props = propertiesLength(a);
        if (props == 0 && a.reasonCode() == ReasonCode.SUCCESS) {
            return 0;
        }
        return 1 + WireWriter.propertiesBlockSize(props);
    }

    static void write(Auth a, MqttVersion v, ByteBuf out) {
        checkVersion(v);
        if (!a.reasonCode().allowedIn(a.type())) {
            throw new IllegalArgumentException(a.reasonCode() + " is not a valid reason code for AUTH");
        }
        int props = propertiesLength(a);
        if (props == 0 && a.reasonCode() == ReasonCode.SUCCESS) {
            return;
        }
        out.writeByte(a.reasonCode().code());
        Vbi.write(out, props);
        WireWriter.writeStringProperty(out, Property.AUTHENTICATION_METHOD, a.authenticationMethod());
        WireWriter.writeBinaryProperty(out, Property.AUTHENTICATION_DATA, a.authenticationData());
        WireWriter.writeStringProperty(out, Property.REASON_STRING, a.reasonString());
        WireWriter.writeUserProperties(out, a.userProperties());
    }

    private static void checkVersion(MqttVersion v) {
        if (!v.isV5()) {
            throw new IllegalArgumentException("AUTH exists only in MQTT 5.0");
        }
    }

    private static int propertiesLength(Auth a) {
        int n = WireWriter.stringPropertySize(a.authenticationMethod());
        n += WireWriter.binaryPropertySize(a.authenticationData());
        n += WireWriter.stringPropertySize(a.reasonString());
        return n + WireWriter.userPropertiesSize(a.userProperties());
    }
}
