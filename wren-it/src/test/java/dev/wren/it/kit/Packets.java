package dev.wren.it.kit;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import java.util.List;

/** Short factories for the packets wire tests send. */
public final class Packets {
    private Packets() {}

    public static Publish publish(String topic, String payload, QoS qos, int packetId) {
        return new Publish(topic, Binary.utf8(payload), qos, false, qos == QoS.AT_MOST_ONCE ? 0 : packetId);
    }

    public static Publish retained(String topic, String payload, QoS qos, int packetId) {
        return new Publish(topic, Binary.utf8(payload), qos, true, qos == QoS.AT_MOST_ONCE ? 0 : packetId);
    }

    public static Publish publish(String topic, String payload, QoS qos, int packetId, PublishProperties props) {
        return new Publish(topic, Binary.utf8(payload), qos, false, false, qos == QoS.AT_MOST_ONCE ? 0 : packetId,
                props, 0, List.of());
    }

    /** A QoS 0 publish with a Topic Alias (MQTT 5); {@code topic} may be empty to use an existing alias. */
    public static Publish aliased(String topic, String payload, int alias) {
        return new Publish(topic, Binary.utf8(payload), QoS.AT_MOST_ONCE, false, false, 0, PublishProperties.NONE,
                alias, List.of());
    }

    public static PublishProperties expiry(long seconds) {
        return new PublishProperties(false, seconds, null, null, null, List.of());
    }

    public static Subscription sub(String filter, QoS qos) {
        return new Subscription(new TopicFilter(filter), qos);
    }

    public static Subscription sub(String filter, QoS qos, boolean noLocal, boolean retainAsPublished, RetainHandling rh) {
        return new Subscription(new TopicFilter(filter), qos, noLocal, retainAsPublished, rh);
    }

    public static Subscribe subscribe(int packetId, Subscription... subs) {
        return new Subscribe(packetId, List.of(subs));
    }

    public static Subscribe subscribe(int packetId, int subscriptionId, Subscription... subs) {
        return new Subscribe(packetId, List.of(subs), subscriptionId, List.of());
    }
}
