package dev.wren.broker.persistence.rocksdb;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import java.util.Objects;

/**
 * An application message as stored once in the {@code messages} column family (or in
 * {@code retained}) and referenced by id from every session queue that holds it.
 *
 * @param id store-wide unique id, increasing in arrival order; 0 for retained messages
 * @param topic the Topic Name it was published to
 * @param payload the payload
 * @param qos the QoS it was published with
 * @param retain the RETAIN flag it was published with
 * @param properties all MQTT 5.0 message properties, exactly as published
 * @param origin client id of the publisher (for No Local), or {@code null} for broker-generated messages
 * @param arrivalMillis wall-clock arrival time, the base for the remaining Message Expiry Interval
 * @param expiresAtMillis when the message expires, or {@code -1} if never
 */
public record StoredMessage(
        long id,
        String topic,
        Binary payload,
        QoS qos,
        boolean retain,
        PublishProperties properties,
        String origin,
        long arrivalMillis,
        long expiresAtMillis) {

    public StoredMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(qos, "qos");
        payload = payload == null ? Binary.EMPTY : payload;
        properties = properties == null ? PublishProperties.NONE : properties;
    }

    /** A message arriving now, its expiry time derived from its Message Expiry Interval. */
    public static StoredMessage arrived(long id, String topic, Binary payload, QoS qos, boolean retain,
            PublishProperties properties, String origin, long nowMillis) {
        PublishProperties props = properties == null ? PublishProperties.NONE : properties;
        long expiresAt = props.hasMessageExpiry() ? nowMillis + props.messageExpiryInterval() * 1000L : -1;
        return new StoredMessage(id, topic, payload, qos, retain, props, origin, nowMillis, expiresAt);
    }

    /** Whether the message has expired at {@code nowMillis} [MQTT-3.3.2-5]. */
    public boolean isExpired(long nowMillis) {
        return expiresAtMillis >= 0 && nowMillis >= expiresAtMillis;
    }

    /** A copy under another id. */
    public StoredMessage withId(long newId) {
        return new StoredMessage(newId, topic, payload, qos, retain, properties, origin, arrivalMillis, expiresAtMillis);
    }
}
