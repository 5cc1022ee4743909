package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.connectV5;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.metrics.Metric;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetainedBurstTest {
    private final Harness h = new Harness();

    @Test
    void retainedOnSubscribe_socketFull_qos0QueuedNotDropped_sentWhenWritable() {
        Harness.Client pub = h.client().send(connectV5("pub", true, 0));
        for (int i = 0; i < 10; i++) {
            pub.send(new Publish("r/" + i, Binary.utf8("v" + i), QoS.AT_MOST_ONCE, true, 0));
        }
        Harness.Client sub = h.client().send(connectV5("sub", true, 0));
        sub.take();
        sub.transport.writable = false; // the burst the broker writes itself fills the socket
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("r/+"), QoS.AT_MOST_ONCE))));
        assertThat(sub.take(Publish.class)).isEmpty();
        sub.transport.writable = true;
        sub.transport.loop.run(sub.connection::onWritable);
        assertThat(sub.take(Publish.class)).hasSize(10).allMatch(Publish::retain); // [MQTT-3.3.1-9]
        assertThat(h.metrics.droppedTotal()).isZero();
        assertThat(h.metrics.get(Metric.DROPPED_QOS0_SLOW_CONSUMER)).isZero();
    }
}
