package dev.wren.codec.packet;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import java.util.Objects;

/**
 * The Will Message of a CONNECT (3.1.2.5, 3.1.3.2-3.1.3.4).
 *
 * @param topic Will Topic (a valid topic name)
 * @param payload Will Payload
 * @param qos Will QoS
 * @param retain Will Retain
 * @param delayInterval Will Delay Interval in seconds (MQTT 5.0; 0 when absent)
 * @param properties the other Will Properties
 */
public record Will(String topic, Binary payload, QoS qos, boolean retain, long delayInterval, PublishProperties properties) {
    public Will {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(qos, "qos");
        payload = payload == null ? Binary.EMPTY : payload;
        properties = properties == null ? PublishProperties.NONE : properties;
    }

    public Will(String topic, Binary payload, QoS qos, boolean retain) {
        this(topic, payload, qos, retain, 0, PublishProperties.NONE);
    }
}
