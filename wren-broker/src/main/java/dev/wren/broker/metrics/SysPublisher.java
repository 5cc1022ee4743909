package dev.wren.broker.metrics;

import dev.wren.broker.session.Message;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Publishes every metric as a retained QoS 0 message on {@code $SYS/broker/<metric>} (plus
 * {@code $SYS/broker/uptime} in seconds), like Mosquitto's {@code $SYS} tree. Wildcard filters
 * starting with {@code #} or {@code +} do not see these topics [MQTT-4.7.2-1]; subscribe to
 * {@code $SYS/#}.
 *
 * <p>Thread-safety: {@link #publishAll()} is called by one scheduler thread at a time.
 */
public final class SysPublisher {
    /** Topic prefix of every publication. */
    public static final String PREFIX = "$SYS/broker/";

    private final BrokerMetrics metrics;
    private final Consumer<Message> publisher;
    private final Clock clock;
    private final long startedAtMillis;

    public SysPublisher(BrokerMetrics metrics, Consumer<Message> publisher, Clock clock) {
        this.metrics = metrics;
        this.publisher = publisher;
        this.clock = clock;
        this.startedAtMillis = clock.millis();
    }

    /** Publishes the current value of every metric and the uptime. */
    public void publishAll() {
        long now = clock.millis();
        publish("uptime", (now - startedAtMillis) / 1000);
        for (Metric m : Metric.values()) {
            publish(m.sysTopic(), metrics.get(m));
        }
    }

    private void publish(String suffix, long value) {
        publisher.accept(new Message(PREFIX + suffix, Binary.utf8(Long.toString(value)), QoS.AT_MOST_ONCE, true,
                PublishProperties.NONE, null, Long.MAX_VALUE));
    }
}
