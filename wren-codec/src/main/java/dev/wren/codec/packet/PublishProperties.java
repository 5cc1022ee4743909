package dev.wren.codec.packet;

import dev.wren.codec.Binary;
import dev.wren.codec.UserProperty;
import java.util.List;

/**
 * The MQTT 5.0 properties that belong to an application message and travel with it unchanged
 * from publisher to every subscriber (3.3.2.3), also used as Will Properties (3.1.3.2) next to
 * {@link Will#delayInterval()}. Per-delivery properties (Topic Alias, Subscription Identifiers)
 * live on {@link Publish} instead, so that one instance is shared by all deliveries.
 *
 * @param payloadUtf8 Payload Format Indicator: {@code true} for 1 (UTF-8), {@code false} for 0 or absent
 * @param messageExpiryInterval seconds, or {@code -1} when absent (the message does not expire)
 * @param contentType Content Type, or {@code null}
 * @param responseTopic Response Topic, or {@code null}
 * @param correlationData Correlation Data, or {@code null}
 * @param userProperties User Properties in their original order [MQTT-3.3.2-17]
 */
public record PublishProperties(
        boolean payloadUtf8,
        long messageExpiryInterval,
        String contentType,
        String responseTopic,
        Binary correlationData,
        List<UserProperty> userProperties) {

    /** No properties at all: the value every MQTT 3.x message carries. */
    public static final PublishProperties NONE = new PublishProperties(false, -1, null, null, null, List.of());

    public PublishProperties {
        userProperties = Props.users(userProperties);
        if (messageExpiryInterval < -1 || messageExpiryInterval > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("message expiry interval out of range: " + messageExpiryInterval);
        }
    }

    public boolean hasMessageExpiry() {
        return messageExpiryInterval >= 0;
    }

    /** A copy with another Message Expiry Interval (the broker sends the remaining lifetime [MQTT-3.3.2-6]). */
    public PublishProperties withMessageExpiryInterval(long seconds) {
        if (seconds == messageExpiryInterval) {
            return this;
        }
        return new PublishProperties(payloadUtf8, seconds, contentType, responseTopic, correlationData, userProperties);
    }

    /** Whether every property is absent. */
    public boolean isEmpty() {
        return this.equals(NONE);
    }
}
