package dev.wren.codec.wire;

import static dev.wren.codec.wire.CodecSupport.assertWire;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.UnsubAck;
import dev.wren.codec.packet.Unsubscribe;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK (3.8-3.11) byte by byte, both directions. */
class SubscribeCodecTest {

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void subscribe_v3TwoFilters_bothWays(MqttVersion v) {
        Subscribe s = new Subscribe(1, List.of(new Subscription(new TopicFilter("a/+"), QoS.AT_LEAST_ONCE),
                new Subscription(new TopicFilter("#"), QoS.EXACTLY_ONCE)));
        assertWire(s, v, true,
                0x82,                           // fixed header: SUBSCRIBE, flags 0010 [MQTT-3.8.1-1]
                0x0C,                           // remaining length 12
                0x00, 0x01,                     // packet identifier
                0x00, 0x03, 'a', '/', '+',      // topic filter
                0x01,                           // requested QoS 1
                0x00, 0x01, '#',                // topic filter
                0x02);                          // requested QoS 2
    }

    @Test
    void subscribe_v5OptionsAndProperties_bothWays() {
        Subscribe s = new Subscribe(2, List.of(
                new Subscription(new TopicFilter("a"), QoS.AT_LEAST_ONCE, true, true, RetainHandling.DO_NOT_SEND)),
                300, List.of(new UserProperty("k", "v")));
        assertWire(s, MqttVersion.V5, true,
                0x82,                           // fixed header: SUBSCRIBE
                0x11,                           // remaining length 17
                0x00, 0x02,                     // packet identifier
                0x0A,                           // properties length 10
                0x0B, 0xAC, 0x02,               // subscription identifier 300
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property
                0x00, 0x01, 'a',                // topic filter
                0x2D);                          // options: retain handling 2, RAP, no local, QoS 1
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void subAck_v3_bothWays(MqttVersion v) {
        assertWire(new SubAck(1, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.UNSPECIFIED_ERROR)), v, false,
                0x90,                           // fixed header: SUBACK
                0x04,                           // remaining length 4
                0x00, 0x01,                     // packet identifier
                0x01,                           // granted QoS 1
                0x80);                          // failure
    }

    @Test
    void subAck_v5_bothWays() {
        SubAck s = new SubAck(1, List.of(ReasonCode.GRANTED_QOS_2, ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED),
                "r", List.of());
        assertWire(s, MqttVersion.V5, false,
                0x90,                           // fixed header: SUBACK
                0x09,                           // remaining length 9
                0x00, 0x01,                     // packet identifier
                0x04,                           // properties length 4
                0x1F, 0x00, 0x01, 'r',          // reason string
                0x02,                           // granted QoS 2
                0x9E);                          // shared subscriptions not supported
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void unsubscribe_bothWays(MqttVersion v) {
        Unsubscribe u = new Unsubscribe(3, List.of(new TopicFilter("a/#")));
        if (v.isV5()) {
            assertWire(u, v, true,
                    0xA2,                       // fixed header: UNSUBSCRIBE, flags 0010 [MQTT-3.10.1-1]
                    0x08,                       // remaining length 8
                    0x00, 0x03,                 // packet identifier
                    0x00,                       // properties length 0
                    0x00, 0x03, 'a', '/', '#'); // topic filter
        } else {
            assertWire(u, v, true, 0xA2, 0x07, 0x00, 0x03, 0x00, 0x03, 'a', '/', '#');
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void unsubAck_v3_hasNoPayload(MqttVersion v) {
        assertWire(new UnsubAck(3, List.of()), v, false,
                0xB0,                           // fixed header: UNSUBACK
                0x02,                           // remaining length 2
                0x00, 0x03);                    // packet identifier
    }

    @Test
    void unsubAck_v5_bothWays() {
        assertWire(new UnsubAck(3, List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED)), MqttVersion.V5,
                false,
                0xB0,                           // fixed header: UNSUBACK
                0x05,                           // remaining length 5
                0x00, 0x03,                     // packet identifier
                0x00,                           // properties length 0
                0x00,                           // success
                0x11);                          // no subscription existed
    }
}
