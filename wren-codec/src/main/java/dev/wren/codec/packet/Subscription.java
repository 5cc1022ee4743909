package dev.wren.codec.packet;

import dev.wren.codec.QoS;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import java.util.Objects;

/**
 * One topic filter of a SUBSCRIBE with its Subscription Options (3.8.3.1). MQTT 3.x sends only
 * the QoS; the other options are then at their defaults.
 */
public record Subscription(TopicFilter filter, QoS qos, boolean noLocal, boolean retainAsPublished, RetainHandling retainHandling) {
    public Subscription {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(retainHandling, "retainHandling");
    }

    public Subscription(TopicFilter filter, QoS qos) {
        this(filter, qos, false, false, RetainHandling.SEND);
    }
}
