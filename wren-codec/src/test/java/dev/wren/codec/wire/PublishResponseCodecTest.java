package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.assertWire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PUBACK, PUBREC, PUBREL, PUBCOMP (3.4-3.7) byte by byte, both directions. */
class PublishResponseCodecTest {

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void pubAck_success_isFourBytesInEveryVersion(MqttVersion v) {
        assertWire(new PubAck(0x0102), v, true,
                0x40,               // fixed header: PUBACK
                0x02,               // remaining length 2 (5.0: reason code and properties omitted)
                0x01, 0x02);        // packet identifier
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void pubRecRelComp_v3_bothWays(MqttVersion v) {
        assertWire(new PubRec(7), v, false, 0x50, 0x02, 0x00, 0x07);   // PUBREC, length 2, id 7
        assertWire(new PubRel(7), v, true, 0x62, 0x02, 0x00, 0x07);    // PUBREL flags 0010 [MQTT-3.6.1-1]
        assertWire(new PubComp(7), v, false, 0x70, 0x02, 0x00, 0x07);  // PUBCOMP
    }

    @Test
    void pubRec_v5ReasonWithoutProperties_bothWays() {
        assertWire(new PubRec(7, ReasonCode.NO_MATCHING_SUBSCRIBERS), MqttVersion.V5, false,
                0x50,               // fixed header: PUBREC
                0x03,               // remaining length 3: property length omitted
                0x00, 0x07,         // packet identifier
                0x10);              // reason code: no matching subscribers
    }

    @Test
    void pubRel_v5ReasonStringAndUserProperty_bothWays() {
        PubRel p = new PubRel(7, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, "r", List.of(new UserProperty("k", "v")));
        assertWire(p, MqttVersion.V5, true,
                0x62,                                   // fixed header: PUBREL, flags 0010
                0x0F,                                   // remaining length 15
                0x00, 0x07,                             // packet identifier
                0x92,                                   // reason code: packet identifier not found
                0x0B,                                   // properties length 11
                0x1F, 0x00, 0x01, 'r',                  // reason string
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v'); // user property
    }

    @Test
    void pubComp_v5SuccessWithEmptyProperties_decodes() {
        // The long form of Success is legal too: reason code 0 and property length 0.
        CodecSupport.decode(CodecSupport.bytes(0x70, 0x04, 0x00, 0x07, 0x00, 0x00), DecoderContext.client(MqttVersion.V5));
    }
}
