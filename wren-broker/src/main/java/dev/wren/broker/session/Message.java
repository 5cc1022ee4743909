package dev.wren.broker.session;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.Will;
import java.util.List;

/**
 * An application message as the broker routes it: one immutable instance per PUBLISH received,
 * shared by every delivery, retained store entry and queue that holds it.
 *
 * @param topic the topic name (aliases already resolved)
 * @param payload the payload, shared and never copied
 * @param qos the QoS it was published with
 * @param retain the RETAIN flag it was published with
 * @param properties the 5.0 publish properties, forwarded unchanged except the expiry
 * @param origin client id of the publisher, for No Local; {@code null} for broker-generated messages
 * @param expiresAtMillis wall-clock deadline from the Message Expiry Interval, or {@link Long#MAX_VALUE}
 */
public record Message(String topic, Binary payload, QoS qos, boolean retain, PublishProperties properties,
        String origin, long expiresAtMillis) {

    /** The message of an inbound PUBLISH received at {@code nowMillis}. */
    public static Message of(Publish p, String origin, long nowMillis) {
        PublishProperties props = p.properties();
        long expires = props.hasMessageExpiry() ? nowMillis + props.messageExpiryInterval() * 1000 : Long.MAX_VALUE;
        return new Message(p.topic(), p.payload(), p.qos(), p.retain(), props, origin, expires);
    }

    /** The message of a will published at {@code nowMillis} by the session of {@code origin}. */
    public static Message ofWill(Will w, String origin, long nowMillis) {
        long expires = w.properties().hasMessageExpiry()
                ? nowMillis + w.properties().messageExpiryInterval() * 1000 : Long.MAX_VALUE;
        return new Message(w.topic(), w.payload(), w.qos(), w.retain(), w.properties(), origin, expires);
    }

    public boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** Bytes this message counts against a session's queue limit. */
    public long weight() {
        return payload.length() + topic.length();
    }

    /** This message's properties for a delivery at {@code nowMillis}: the remaining expiry [MQTT-3.3.2-6]. */
    public PublishProperties propertiesAt(long nowMillis) {
        if (expiresAtMillis == Long.MAX_VALUE) {
            return properties;
        }
        long remaining = Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
        return properties.withMessageExpiryInterval(remaining);
    }

    /** The PUBLISH to send for a delivery with packet id {@code packetId}. */
    public Publish toPublish(QoS deliveryQos, boolean retainFlag, int packetId, boolean dup, List<Integer> subIds,
            long nowMillis) {
        return new Publish(topic, payload, deliveryQos, retainFlag, dup, packetId, propertiesAt(nowMillis), 0, subIds);
    }
}
