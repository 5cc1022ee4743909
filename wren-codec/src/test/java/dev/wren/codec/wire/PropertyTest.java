package dev.wren.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.PacketType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The {@link Property} table against table 2-4 of MQTT 5.0. */
class PropertyTest {

    @Test
    void table_hasAllTwentySevenProperties_withUniqueIds() {
        assertThat(Property.values()).hasSize(27);
        assertThat(Arrays.stream(Property.values()).mapToInt(Property::id).distinct().count()).isEqualTo(27);
        for (Property p : Property.values()) {
            assertThat(Property.of(p.id())).isSameAs(p);
        }
        assertThat(Property.of(0x00)).isNull();
        assertThat(Property.of(0x04)).isNull();
        assertThat(Property.of(0x7F)).isNull();
    }

    @Test
    void willProperties_areTheMessagePropertiesPlusWillDelay() {
        assertThat(Arrays.stream(Property.values()).filter(Property::allowedInWill)).containsExactlyInAnyOrder(
                Property.PAYLOAD_FORMAT_INDICATOR, Property.MESSAGE_EXPIRY_INTERVAL, Property.CONTENT_TYPE,
                Property.RESPONSE_TOPIC, Property.CORRELATION_DATA, Property.WILL_DELAY_INTERVAL,
                Property.USER_PROPERTY);
    }

    @Test
    void repeatable_onlyUserPropertyAndSubscriptionIdentifierInPublish() {
        for (Property p : Property.values()) {
            for (PacketType t : PacketType.values()) {
                boolean expected = p == Property.USER_PROPERTY
                        || (p == Property.SUBSCRIPTION_IDENTIFIER && t == PacketType.PUBLISH);
                assertThat(p.repeatableIn(t)).as("%s in %s", p, t).isEqualTo(expected);
            }
        }
    }

    @Test
    void noPropertiesInPingOrAuthOnly() {
        for (Property p : Property.values()) {
            assertThat(p.allowedIn(PacketType.PINGREQ)).isFalse();
            assertThat(p.allowedIn(PacketType.PINGRESP)).isFalse();
        }
        assertThat(Arrays.stream(Property.values()).filter(p -> p.allowedIn(PacketType.AUTH))).containsExactlyInAnyOrder(
                Property.AUTHENTICATION_METHOD, Property.AUTHENTICATION_DATA, Property.REASON_STRING,
                Property.USER_PROPERTY);
    }
}
