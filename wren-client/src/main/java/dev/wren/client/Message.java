package dev.wren.client;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * An application message, as published or as received. Immutable.
 *
 * @param topic the topic name
 * @param payload the payload bytes
 * @param qos quality of service (as published, or as delivered to us)
 * @param retain RETAIN flag
 * @param properties MQTT 5.0 message properties (response topic, correlation data, user properties...)
 * @param subscriptionIdentifiers identifiers of the subscriptions that matched (received messages only)
 */
public record Message(String topic, Binary payload, QoS qos, boolean retain, PublishProperties properties,
        List<Integer> subscriptionIdentifiers) {

    public Message {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(qos, "qos");
        payload = payload == null ? Binary.EMPTY : payload;
        properties = properties == null ? PublishProperties.NONE : properties;
        subscriptionIdentifiers = subscriptionIdentifiers == null ? List.of() : List.copyOf(subscriptionIdentifiers);
    }

    /** A QoS 0, non-retained message with a copy of {@code payload}. */
    public static Message of(String topic, byte[] payload) {
        return new Message(topic, Binary.copyOf(payload), QoS.AT_MOST_ONCE, false, PublishProperties.NONE, List.of());
    }

    /** A QoS 0, non-retained message with a UTF-8 payload. */
    public static Message of(String topic, String payload) {
        return new Message(topic, Binary.utf8(payload), QoS.AT_MOST_ONCE, false, PublishProperties.NONE, List.of());
    }

    public Message withQos(QoS newQos) {
        return new Message(topic, payload, newQos, retain, properties, subscriptionIdentifiers);
    }

    public Message withRetain(boolean newRetain) {
        return new Message(topic, payload, qos, newRetain, properties, subscriptionIdentifiers);
    }

    public Message withProperties(PublishProperties newProperties) {
        return new Message(topic, payload, qos, retain, newProperties, subscriptionIdentifiers);
    }

    /** This message with the given MQTT 5.0 User Properties (replacing any). */
    public Message withUserProperties(List<UserProperty> userProperties) {
        PublishProperties p = properties;
        return withProperties(new PublishProperties(p.payloadUtf8(), p.messageExpiryInterval(), p.contentType(),
                p.responseTopic(), p.correlationData(), userProperties));
    }

    /** This message with a Response Topic and Correlation Data (MQTT 5.0 request/response). */
    public Message withResponse(String responseTopic, Binary correlationData) {
        PublishProperties p = properties;
        return withProperties(new PublishProperties(p.payloadUtf8(), p.messageExpiryInterval(), p.contentType(),
                responseTopic, correlationData, p.userProperties()));
    }

    /** The payload decoded as UTF-8. */
    public String payloadAsString() {
        return new String(payload.unsafeArray(), StandardCharsets.UTF_8);
    }

    /** A copy of the payload bytes. */
    public byte[] payloadBytes() {
        return payload.toByteArray();
    }
}
