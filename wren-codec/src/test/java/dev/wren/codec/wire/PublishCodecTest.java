package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.assertWire;

import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PUBLISH (3.3) byte by byte, both directions. */
class PublishCodecTest {

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void publish_v3Qos1_bothWays(MqttVersion v) {
        assertWire(new Publish("a/b", Binary.utf8("hi"), QoS.AT_LEAST_ONCE, false, 10), v, true,
                0x32,                           // fixed header: PUBLISH, DUP 0, QoS 1, RETAIN 0
                0x09,                           // remaining length 9
                0x00, 0x03, 'a', '/', 'b',      // topic name
                0x00, 0x0A,                     // packet identifier 10
                'h', 'i');                      // payload
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void publish_v3Qos0RetainEmptyPayload_bothWays(MqttVersion v) {
        assertWire(new Publish("t", Binary.EMPTY, QoS.AT_MOST_ONCE, true, 0), v, false,
                0x31,                           // fixed header: PUBLISH, QoS 0, RETAIN 1
                0x03,                           // remaining length 3
                0x00, 0x01, 't');               // topic name; no packet identifier at QoS 0 [MQTT-2.2.1-2], empty payload
    }

    @Test
    void publish_v5NoProperties_bothWays() {
        assertWire(new Publish("a", Binary.utf8("x"), QoS.AT_MOST_ONCE, false, 0), MqttVersion.V5, true,
                0x30,                           // fixed header: PUBLISH QoS 0
                0x05,                           // remaining length 5
                0x00, 0x01, 'a',                // topic name
                0x00,                           // properties length 0 [MQTT-2.2.2-1]
                'x');                           // payload
    }

    @Test
    void publish_v5AllProperties_bothWays() {
        PublishProperties props = new PublishProperties(true, 10, "t", "r", Binary.copyOf(new byte[] {1, 2}),
                List.of(new UserProperty("k", "v")));
        Publish p = new Publish("a/b", Binary.utf8("hi"), QoS.EXACTLY_ONCE, true, true, 0x1234, props, 5,
                List.of(1, 200));
        assertWire(p, MqttVersion.V5, false,
                0x3D,                           // fixed header: PUBLISH, DUP 1, QoS 2, RETAIN 1
                0x2D,                           // remaining length 45
                0x00, 0x03, 'a', '/', 'b',      // topic name
                0x12, 0x34,                     // packet identifier
                0x23,                           // properties length 35
                0x01, 0x01,                     // payload format indicator: UTF-8
                0x02, 0x00, 0x00, 0x00, 0x0A,   // message expiry interval 10
                0x03, 0x00, 0x01, 't',          // content type
                0x08, 0x00, 0x01, 'r',          // response topic
                0x09, 0x00, 0x02, 0x01, 0x02,   // correlation data
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property
                0x23, 0x00, 0x05,               // topic alias 5
                0x0B, 0x01,                     // subscription identifier 1
                0x0B, 0xC8, 0x01,               // subscription identifier 200 (two-byte VBI)
                'h', 'i');                      // payload
    }

    @Test
    void publish_v5EmptyTopicWithAlias_bothWays() {
        Publish p = new Publish("", Binary.EMPTY, QoS.AT_MOST_ONCE, false, false, 0, PublishProperties.NONE, 7, List.of());
        assertWire(p, MqttVersion.V5, true,
                0x30,                           // fixed header
                0x06,                           // remaining length 6
                0x00, 0x00,                     // empty topic name: the alias stands for it
                0x03,                           // properties length 3
                0x23, 0x00, 0x07);              // topic alias 7
    }

    @Test
    void publish_utf8TopicWithBom_keepsBom_MQTT_1_5_4_3() {
        assertWire(new Publish("\uFEFFä", Binary.EMPTY, QoS.AT_MOST_ONCE, false, 0), MqttVersion.V3_1_1, true,
                0x30,                           // fixed header
                0x07,                           // remaining length 7
                0x00, 0x05,                     // topic length 5
                0xEF, 0xBB, 0xBF,               // U+FEFF, kept as a character [MQTT-1.5.4-3]
                0xC3, 0xA4);                    // U+00E4
    }
}
