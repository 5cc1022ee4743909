package dev.wren.codec.packet;

import dev.wren.codec.Binary;
import dev.wren.codec.PacketType;
import dev.wren.codec.QoS;
import java.util.List;
import java.util.Objects;

/**
 * PUBLISH (3.3): one delivery of an application message over one connection.
 *
 * <p>The parts that all subscribers share, {@link #topic()}, {@link #payload()} and
 * {@link #properties()}, are immutable objects passed by reference: fanning a message out to
 * N subscribers creates N small {@code Publish} records that point at the same payload and
 * properties, never a copy of the bytes. The per-delivery fields are the packet identifier,
 * DUP, QoS and RETAIN as sent to this receiver, the Topic Alias and the Subscription
 * Identifiers.
 *
 * @param topic Topic Name; empty only when a Topic Alias stands for it (5.0)
 * @param payload the application message payload
 * @param qos QoS of this delivery
 * @param retain RETAIN flag of this delivery
 * @param dup DUP flag (a re-delivery)
 * @param packetId Packet Identifier, 0 for QoS 0 (which has none)
 * @param properties the message's shared MQTT 5.0 properties
 * @param topicAlias Topic Alias, 0 when absent
 * @param subscriptionIdentifiers Subscription Identifiers (broker to client only)
 */
public record Publish(
        String topic,
        Binary payload,
        QoS qos,
        boolean retain,
        boolean dup,
        int packetId,
        PublishProperties properties,
        int topicAlias,
        List<Integer> subscriptionIdentifiers) implements MqttPacket {

    public Publish {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(qos, "qos");
        payload = payload == null ? Binary.EMPTY : payload;
        properties = properties == null ? PublishProperties.NONE : properties;
        subscriptionIdentifiers = Props.list(subscriptionIdentifiers);
        if (qos == QoS.AT_MOST_ONCE) {
            if (packetId != 0) {
                throw new IllegalArgumentException("a QoS 0 PUBLISH has no packet identifier [MQTT-2.2.1-2]");
            }
            if (dup) {
                throw new IllegalArgumentException("DUP must be 0 for QoS 0 [MQTT-3.3.1-2]");
            }
        } else if (packetId != 0) {
            Props.checkPacketId(packetId);
        }
        if (topicAlias < 0 || topicAlias > 65535) {
            throw new IllegalArgumentException("topic alias must be 0..65535, not " + topicAlias);
        }
    }

    /** A PUBLISH without 5.0 properties. Packet identifier 0 is allowed here as "to be assigned". */
    public Publish(String topic, Binary payload, QoS qos, boolean retain, int packetId) {
        this(topic, payload, qos, retain, false, packetId, PublishProperties.NONE, 0, List.of());
    }

    public Publish withPacketId(int id) {
        return new Publish(topic, payload, qos, retain, dup, id, properties, topicAlias, subscriptionIdentifiers);
    }

    public Publish withDup(boolean newDup) {
        return new Publish(topic, payload, qos, retain, newDup, packetId, properties, topicAlias, subscriptionIdentifiers);
    }

    /** This delivery with another topic and alias (outbound alias assignment, inbound alias resolution). */
    public Publish withTopic(String newTopic, int newAlias) {
        return new Publish(newTopic, payload, qos, retain, dup, packetId, properties, newAlias, subscriptionIdentifiers);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }
}
