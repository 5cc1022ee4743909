package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.C4;
import static dev.wren.codec.wire.CodecSupport.C5;
import static dev.wren.codec.wire.CodecSupport.MALFORMED;
import static dev.wren.codec.wire.CodecSupport.PROTOCOL;
import static dev.wren.codec.wire.CodecSupport.S4;
import static dev.wren.codec.wire.CodecSupport.S5;
import static dev.wren.codec.wire.CodecSupport.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wren.codec.MalformedPacketException;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixed header rules (2.1, 1.5.5) and packet-level framing. */
class FixedHeaderStrictnessTest {

    @ParameterizedTest(name = "first byte 0x{0}")
    @ValueSource(ints = {0x11, 0x28, 0x41, 0x58, 0x60, 0x63, 0x74, 0x80, 0x83, 0x9F, 0xA0, 0xB1, 0xC2, 0xD4, 0xE8, 0xF1})
    @DisplayName("[MQTT-2.1.3-1] reserved fixed-header flags must have their listed value")
    void decode_reservedFlags_isMalformed_MQTT_2_1_3_1(int first) {
        DecoderContext ctx = switch (first >> 4) {
            case 2, 9, 11, 13 -> C5;
            default -> S5;
        };
        rejects(ctx, MALFORMED, "MQTT-2.1.3-1", first, 0x00);
    }

    @Test
    @DisplayName("[MQTT-2.2.2-2] (3.1.1) invalid flags: the receiver closes the connection")
    void decode_v311ReservedFlags_isMalformed_MQTT_2_2_2_2() {
        rejects(S4, MALFORMED, "flags", 0x60, 0x02, 0x00, 0x01);    // PUBREL with flags 0000
        rejects(S4, MALFORMED, "flags", 0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x00); // SUBSCRIBE with 0000
        rejects(S4, MALFORMED, "flags", 0xE1, 0x00);                // DISCONNECT with 0001
    }

    @Test
    @DisplayName("packet type 0 is reserved (2.1.2)")
    void decode_packetType0_isMalformed() {
        rejects(S5, MALFORMED, "reserved packet type", 0x00, 0x00);
    }

    @Test
    @DisplayName("[MQTT-3.3.1-4] a PUBLISH must not have both QoS bits set")
    void decode_publishQos3_isMalformed_MQTT_3_3_1_4() {
        rejects(S5, MALFORMED, "MQTT-3.3.1-4", 0x36, 0x05, 0x00, 0x01, 'a', 0x00, 0x01);
        rejects(S4, MALFORMED, "MQTT-3.3.1-4", 0x36, 0x05, 0x00, 0x01, 'a', 0x00, 0x01);
    }

    @Test
    @DisplayName("[MQTT-3.3.1-2] DUP must be 0 for QoS 0")
    void decode_publishDupOnQos0_isMalformed_MQTT_3_3_1_2() {
        rejects(S5, MALFORMED, "MQTT-3.3.1-2", 0x38, 0x04, 0x00, 0x01, 'a', 0x00);
        rejects(C4, MALFORMED, "MQTT-3.3.1-2", 0x38, 0x03, 0x00, 0x01, 'a');
    }

    @Test
    @DisplayName("[MQTT-1.5.5-1] a remaining length of more than 4 bytes is malformed")
    void decode_remainingLengthFiveBytes_isMalformed_MQTT_1_5_5_1() {
        rejects(S5, MALFORMED, "longer than 4 bytes", 0xC0, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    }

    @Test
    @DisplayName("[MQTT-1.5.5-1] a variable byte integer must use the minimum number of bytes")
    void decode_remainingLengthNotMinimal_isMalformed_MQTT_1_5_5_1() {
        rejects(S5, MALFORMED, "minimum number of bytes", 0xC0, 0x80, 0x00);
    }

    @Test
    @DisplayName("a variable byte integer property value must use the minimum number of bytes [MQTT-1.5.5-1]")
    void decode_subscriptionIdentifierNotMinimal_isMalformed_MQTT_1_5_5_1() {
        rejects(C5, MALFORMED, "MQTT-1.5.5-1",
                0x30, 0x08, 0x00, 0x01, 'a',
                0x03, 0x0B, 0x81, 0x00,   // subscription identifier 1 in two bytes
                'x');
    }

    @Test
    @DisplayName("[MQTT-3.2.2-15] a packet over the receiver's Maximum Packet Size is rejected with 0x95")
    void decode_packetLargerThanMaximum_isPacketTooLarge_MQTT_3_2_2_15() {
        DecoderContext small = S5.withMaximumPacketSize(8);
        rejects(small, ReasonCode.PACKET_TOO_LARGE, "maximum packet size",
                0x30, 0x07, 0x00, 0x01, 'a', 0x00, 'x', 'y', 'z');
        // exactly at the limit is fine
        CodecSupport.decode(CodecSupport.bytes(0x30, 0x06, 0x00, 0x01, 'a', 0x00, 'x', 'y'), small);
    }

    @Test
    void frameLength_tooLarge_rejectedFromTheHeaderAlone() {
        ByteBuf header = Unpooled.wrappedBuffer(CodecSupport.bytes(0x30, 0xFF, 0x7F));
        try {
            assertThatThrownBy(() -> MqttDecoder.frameLength(header, S5.withMaximumPacketSize(1000)))
                    .isInstanceOf(MalformedPacketException.class);
        } finally {
            header.release();
        }
    }

    @Test
    void frameLength_partialHeader_needsMore() {
        ByteBuf partial = Unpooled.wrappedBuffer(CodecSupport.bytes(0x30, 0xFF, 0xFF));
        try {
            assertThat(MqttDecoder.frameLength(partial, S5)).isEqualTo(MqttDecoder.NEED_MORE);
        } finally {
            partial.release();
        }
    }

    @Test
    void decode_truncatedPacket_isMalformed() {
        rejects(S5, MALFORMED, "truncated", 0x30, 0x05, 0x00, 0x01, 'a');
    }

    @Test
    void decode_pingWithBody_isMalformed() {
        rejects(S5, MALFORMED, "unexpected bytes", 0xC0, 0x01, 0x00);
        rejects(C4, MALFORMED, "unexpected bytes", 0xD0, 0x01, 0x00);
    }

    @Test
    @DisplayName("AUTH (type 15) is reserved in MQTT 3.1.1: malformed")
    void decode_authInV3_isMalformed() {
        rejects(S4, MALFORMED, "AUTH", 0xF0, 0x00);
        rejects(DecoderContext.client(MqttVersion.V3_1), MALFORMED, "AUTH", 0xF0, 0x00);
    }

    @Test
    @DisplayName("[MQTT-3.1.0-1] the first packet from a client must be CONNECT")
    void decode_firstPacketNotConnect_isProtocolError_MQTT_3_1_0_1() {
        rejects(DecoderContext.server(), PROTOCOL, "MQTT-3.1.0-1", 0xC0, 0x00);
        rejects(DecoderContext.server(), PROTOCOL, "MQTT-3.1.0-1", 0x30, 0x03, 0x00, 0x01, 'a');
    }

    @Test
    @DisplayName("a packet that only flows the other way is a protocol error (2.1.2)")
    void decode_wrongDirection_isProtocolError() {
        rejects(S5, PROTOCOL, "must not be sent by a client", 0x20, 0x03, 0x00, 0x00, 0x00); // CONNACK at a server
        rejects(S4, PROTOCOL, "must not be sent by a client", 0xD0, 0x00);                   // PINGRESP at a server
        rejects(C5, PROTOCOL, "must not be sent by a server", 0xC0, 0x00);                   // PINGREQ at a client
        rejects(C4, PROTOCOL, "must not be sent by a server",
                0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x00);                                // SUBSCRIBE at a client
    }
}
