package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.assertWire;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Auth;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PINGREQ, PINGRESP, DISCONNECT, AUTH (3.12-3.15) byte by byte, both directions. */
class ControlCodecTest {

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void ping_bothWays(MqttVersion v) {
        assertWire(PingReq.INSTANCE, v, true, 0xC0, 0x00);     // PINGREQ, remaining length 0
        assertWire(PingResp.INSTANCE, v, false, 0xD0, 0x00);   // PINGRESP, remaining length 0
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void disconnect_normal_isTwoBytes(MqttVersion v) {
        assertWire(Disconnect.NORMAL, v, true, 0xE0, 0x00);    // DISCONNECT, remaining length 0
    }

    @Test
    void disconnect_v5ReasonOnly_bothWays() {
        assertWire(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE), MqttVersion.V5, true,
                0xE0,               // fixed header: DISCONNECT
                0x01,               // remaining length 1: property length omitted
                0x04);              // reason code: disconnect with will message
    }

    @Test
    void disconnect_v5FromClientWithSessionExpiry_bothWays() {
        Disconnect d = new Disconnect(ReasonCode.NORMAL_DISCONNECTION, 60, "bye", null, List.of());
        assertWire(d, MqttVersion.V5, true,
                0xE0,                           // fixed header: DISCONNECT
                0x0D,                           // remaining length 13
                0x00,                           // reason code: normal disconnection
                0x0B,                           // properties length 11
                0x11, 0x00, 0x00, 0x00, 0x3C,   // session expiry interval 60
                0x1F, 0x00, 0x03, 'b', 'y', 'e'); // reason string
    }

    @Test
    void disconnect_v5FromServerWithReference_bothWays() {
        Disconnect d = new Disconnect(ReasonCode.SERVER_MOVED, -1, null, "h", List.of(new UserProperty("k", "v")));
        assertWire(d, MqttVersion.V5, false,
                0xE0,                           // fixed header: DISCONNECT
                0x0D,                           // remaining length 13
                0x9D,                           // reason code: server moved
                0x0B,                           // properties length 11
                0x1C, 0x00, 0x01, 'h',          // server reference
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v'); // user property
    }

    @Test
    void auth_success_isTwoBytes() {
        assertWire(new Auth(ReasonCode.SUCCESS, null, null), MqttVersion.V5, false, 0xF0, 0x00);
    }

    @Test
    void auth_continue_bothWays() {
        Auth a = new Auth(ReasonCode.CONTINUE_AUTHENTICATION, "M", Binary.copyOf(new byte[] {9}), "r", List.of());
        assertWire(a, MqttVersion.V5, true,
                0xF0,                           // fixed header: AUTH
                0x0E,                           // remaining length 14
                0x18,                           // reason code: continue authentication
                0x0C,                           // properties length 12
                0x15, 0x00, 0x01, 'M',          // authentication method
                0x16, 0x00, 0x01, 0x09,         // authentication data
                0x1F, 0x00, 0x01, 'r');         // reason string
    }
}
