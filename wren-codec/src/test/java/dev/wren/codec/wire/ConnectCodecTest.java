package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.assertWire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Will;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONNECT (3.1) and CONNACK (3.2) byte by byte, both directions, every version. */
class ConnectCodecTest {

    @Test
    void connect_v31Minimal_bothWays() {
        assertWire(new Connect(MqttVersion.V3_1, "c", true, 60, null, null, null, null), MqttVersion.V3_1, true,
                0x10,                                   // fixed header: CONNECT
                0x0F,                                   // remaining length 15
                0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', // protocol name MQIsdp
                0x03,                                   // protocol level 3
                0x02,                                   // connect flags: clean session
                0x00, 0x3C,                             // keep alive 60
                0x00, 0x01, 'c');                       // client identifier
    }

    @Test
    void connect_v311WillUserPassword_bothWays() {
        Will will = new Will("w", Binary.utf8("x"), QoS.EXACTLY_ONCE, true);
        Connect c = new Connect(MqttVersion.V3_1_1, "c", true, 10, "u", Binary.utf8("p"), will, null);
        assertWire(c, MqttVersion.V3_1_1, true,
                0x10,                                   // fixed header: CONNECT
                0x19,                                   // remaining length 25
                0x00, 0x04, 'M', 'Q', 'T', 'T',         // protocol name
                0x04,                                   // protocol level 4
                0xF6,                                   // flags: user, password, will retain, will QoS 2, will, clean
                0x00, 0x0A,                             // keep alive 10
                0x00, 0x01, 'c',                        // client identifier
                0x00, 0x01, 'w',                        // will topic
                0x00, 0x01, 'x',                        // will message
                0x00, 0x01, 'u',                        // user name
                0x00, 0x01, 'p');                       // password
    }

    @Test
    void connect_v5AllProperties_bothWays() {
        Will will = new Will("w", Binary.utf8("x"), QoS.AT_LEAST_ONCE, true, 5,
                new PublishProperties(true, -1, null, null, null, List.of()));
        ConnectProperties props = new ConnectProperties(30, 10, 1024, 5, true, false,
                List.of(new UserProperty("k", "v")), "M", Binary.copyOf(new byte[] {1}));
        Connect c = new Connect(MqttVersion.V5, "c", true, 60, "u", Binary.utf8("p"), will, props);
        assertWire(c, MqttVersion.V5, true,
                0x10,                                   // fixed header: CONNECT
                0x45,                                   // remaining length 69
                0x00, 0x04, 'M', 'Q', 'T', 'T',         // protocol name
                0x05,                                   // protocol level 5
                0xEE,                                   // flags: user, password, will retain, will QoS 1, will, clean
                0x00, 0x3C,                             // keep alive 60
                0x23,                                   // properties length 35
                0x11, 0x00, 0x00, 0x00, 0x1E,           // session expiry interval 30
                0x21, 0x00, 0x0A,                       // receive maximum 10
                0x27, 0x00, 0x00, 0x04, 0x00,           // maximum packet size 1024
                0x22, 0x00, 0x05,                       // topic alias maximum 5
                0x19, 0x01,                             // request response information 1
                0x17, 0x00,                             // request problem information 0
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property
                0x15, 0x00, 0x01, 'M',                  // authentication method
                0x16, 0x00, 0x01, 0x01,                 // authentication data
                0x00, 0x01, 'c',                        // client identifier
                0x07,                                   // will properties length 7
                0x18, 0x00, 0x00, 0x00, 0x05,           // will delay interval 5
                0x01, 0x01,                             // payload format indicator
                0x00, 0x01, 'w',                        // will topic
                0x00, 0x01, 'x',                        // will payload
                0x00, 0x01, 'u',                        // user name
                0x00, 0x01, 'p');                       // password
    }

    @Test
    void connect_v5PasswordWithoutUserName_allowed() {
        Connect c = new Connect(MqttVersion.V5, "", false, 0, null, Binary.utf8("p"), null, null);
        assertWire(c, MqttVersion.V5, true,
                0x10,                                   // fixed header: CONNECT
                0x10,                                   // remaining length 16
                0x00, 0x04, 'M', 'Q', 'T', 'T',         // protocol name
                0x05,                                   // protocol level 5
                0x40,                                   // flags: password only (allowed in 5.0)
                0x00, 0x00,                             // keep alive 0
                0x00,                                   // properties length 0
                0x00, 0x00,                             // empty client identifier
                0x00, 0x01, 'p');                       // password
    }

    @Test
    void connAck_v311SessionPresent_bothWays() {
        assertWire(new ConnAck(true, ReasonCode.SUCCESS), MqttVersion.V3_1_1, false,
                0x20,                                   // fixed header: CONNACK
                0x02,                                   // remaining length 2
                0x01,                                   // acknowledge flags: session present
                0x00);                                  // return code 0: accepted
    }

    @Test
    void connAck_v311Refused_bothWays() {
        assertWire(new ConnAck(false, ReasonCode.NOT_AUTHORIZED), MqttVersion.V3_1_1, false,
                0x20, 0x02,                             // fixed header, remaining length 2
                0x00,                                   // acknowledge flags
                0x05);                                  // return code 5: not authorized
    }

    @Test
    void connAck_v31_hasNoSessionPresent() {
        assertWire(new ConnAck(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION), MqttVersion.V3_1, false,
                0x20, 0x02,                             // fixed header, remaining length 2
                0x00,                                   // reserved byte (3.1 has no session present)
                0x01);                                  // return code 1: unacceptable protocol version
    }

    @Test
    @DisplayName("[MQTT-3.2.2-6] (3.1.1: [MQTT-3.2.2-4]) a refusal is encoded with Session Present 0")
    void encode_connAckRefusedWithSessionPresent_writesZero_MQTT_3_2_2_6() {
        ConnAck refused = new ConnAck(true, ReasonCode.NOT_AUTHORIZED);
        assertThat(CodecSupport.encode(refused, MqttVersion.V5))
                .containsExactly(0x20, 0x03, 0x00, 0x87, 0x00);
        assertThat(CodecSupport.encode(refused, MqttVersion.V3_1_1))
                .containsExactly(0x20, 0x02, 0x00, 0x05);
    }

    @Test
    void connAck_v5AllProperties_bothWays() {
        ConnAckProperties props = new ConnAckProperties(100, 20, 1, false, 2048, "id", 10, "ok",
                List.of(new UserProperty("k", "v")), false, false, false, 30, "ri", "sr", "M",
                Binary.copyOf(new byte[] {2}));
        assertWire(new ConnAck(false, ReasonCode.SUCCESS, props), MqttVersion.V5, false,
                0x20,                                   // fixed header: CONNACK
                0x43,                                   // remaining length 67
                0x00,                                   // acknowledge flags
                0x00,                                   // reason code: success
                0x40,                                   // properties length 64
                0x11, 0x00, 0x00, 0x00, 0x64,           // session expiry interval 100
                0x21, 0x00, 0x14,                       // receive maximum 20
                0x24, 0x01,                             // maximum QoS 1
                0x25, 0x00,                             // retain available 0
                0x27, 0x00, 0x00, 0x08, 0x00,           // maximum packet size 2048
                0x22, 0x00, 0x0A,                       // topic alias maximum 10
                0x28, 0x00,                             // wildcard subscription available 0
                0x29, 0x00,                             // subscription identifiers available 0
                0x2A, 0x00,                             // shared subscription available 0
                0x13, 0x00, 0x1E,                       // server keep alive 30
                0x12, 0x00, 0x02, 'i', 'd',             // assigned client identifier
                0x1F, 0x00, 0x02, 'o', 'k',             // reason string
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property
                0x1A, 0x00, 0x02, 'r', 'i',             // response information
                0x1C, 0x00, 0x02, 's', 'r',             // server reference
                0x15, 0x00, 0x01, 'M',                  // authentication method
                0x16, 0x00, 0x01, 0x02);                // authentication data
    }

    @Test
    void connAck_v5Failure_bothWays() {
        assertWire(new ConnAck(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION), MqttVersion.V5, false,
                0x20, 0x03,                             // fixed header, remaining length 3
                0x00,                                   // acknowledge flags
                0x84,                                   // reason code: unsupported protocol version
                0x00);                                  // properties length 0
    }
}
