package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.metrics.Metric;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Offline queues with QoS 0 queueing switched on and a byte limit (docs/broker.md "Queue limits"). */
@Timeout(30)
class OfflineQueueIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.queueQos0Offline(true).maxQueuedBytes(200));

    private RawClient offlineSubscriber(String filter) {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("off").cleanStart(false).sessionExpiry(600).build());
        sub.subscribe(filter, QoS.AT_LEAST_ONCE);
        sub.disconnect();
        return sub;
    }

    private RawClient resume() {
        RawClient back = broker.rawClient();
        assertThat(back.connect(ConnectBuilder.v5("off").cleanStart(false).sessionExpiry(600).build()).sessionPresent()).isTrue();
        return back;
    }

    @Test
    @DisplayName("[docs/broker.md queue limits] with queueQos0Offline, QoS 0 messages are queued for an offline session")
    void qos0Queued_whenEnabled() {
        offlineSubscriber("oq/t");
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        pub.publish("oq/t", "zero", QoS.AT_MOST_ONCE);
        pub.publish("oq/t", "one", QoS.AT_LEAST_ONCE);
        RawClient back = resume();
        assertThat(back.receive().payload().toUtf8String()).isEqualTo("zero");
        assertThat(back.receive().payload().toUtf8String()).isEqualTo("one");
    }

    @Test
    @DisplayName("[docs/broker.md queue limits] the byte limit bounds an offline queue; the overflow is dropped and counted, order kept")
    void byteLimit_overflowDroppedAndCounted() {
        offlineSubscriber("ob/t");
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        String payload = "p".repeat(60);
        for (int i = 0; i < 6; i++) { // 6 x ~65 bytes > 200
            pub.publish("ob/t", i + payload, QoS.AT_LEAST_ONCE);
        }
        RawClient back = resume();
        List<String> got = new ArrayList<>();
        while (back.hasDataWithin(QUIET)) {
            got.add(back.receive().payload().toUtf8String().substring(0, 1));
        }
        assertThat(got).isNotEmpty().hasSizeLessThan(6);
        assertThat(got).isSorted(); // the oldest kept, the newest dropped
        assertThat(got.get(0)).isEqualTo("0");
        assertThat(broker.broker().metrics().get(Metric.DROPPED_QUEUE_FULL)).isEqualTo(6 - got.size());
    }
}
