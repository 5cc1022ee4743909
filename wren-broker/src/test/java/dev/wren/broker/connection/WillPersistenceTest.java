package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.connectV5;
import static dev.wren.broker.connection.Harness.withWill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.persistence.StoredState;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.Will;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pending (delayed) will goes to the store, and comes back from it [MQTT-3.1.3-9]. */
class WillPersistenceTest {
    private final DeferredPersistence store = new DeferredPersistence();
    private final Harness h = new Harness(BrokerConfig.builder().maintenanceIntervalMillis(0).build(), null, store);
    private final Will delayed = new Will("will/t", Binary.utf8("gone"), QoS.AT_LEAST_ONCE, false, 30,
            PublishProperties.NONE);

    private Harness.Client willSubscriber() {
        Harness.Client sub = h.client().send(connectV5("sub", true, 0));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("will/t"), QoS.AT_LEAST_ONCE))));
        sub.take();
        return sub;
    }

    @Test
    void lostConnection_pendingWillStored_thenClearedOncePublished() {
        Harness.Client c = h.client().send(withWill(connectV5("w", true, 600), delayed));
        store.completeAll();
        h.settle();
        long offlineAt = h.clock.millis();
        c.drop();
        assertThat(store.calls).contains("disconnected w at=" + offlineAt + " will=will/t");
        h.advance(Duration.ofSeconds(30));
        h.maintain();
        assertThat(store.calls).as("published: the store must not keep it, same offline time")
                .contains("disconnected w at=" + offlineAt + " will=none");
    }

    @Test
    void normalDisconnect_noPendingWillStored() {
        Harness.Client c = h.client().send(withWill(connectV5("w", true, 600), delayed));
        store.completeAll();
        h.settle();
        c.send(new dev.wren.codec.packet.Disconnect(dev.wren.codec.ReasonCode.NORMAL_DISCONNECTION));
        assertThat(store.calls).anyMatch(x -> x.startsWith("disconnected w ") && x.endsWith("will=none"));
    }

    @Test
    void restoredPendingWill_publishedWhenDue_ifTheStoreRestoresWills() {
        store.restoresWills = true;
        Harness.Client sub = willSubscriber();
        restore(h.clock.millis() - 20_000); // offline for 20 of its 30 s
        h.maintain();
        assertThat(sub.take(Publish.class)).isEmpty();
        h.advance(Duration.ofSeconds(10));
        h.maintain();
        assertThat(sub.take(Publish.class)).extracting(p -> p.payload().toUtf8String()).containsExactly("gone");
    }

    @Test
    void restoredSession_storeWithoutPendingWills_willNotPublished() {
        Harness.Client sub = willSubscriber();
        restore(h.clock.millis() - 20_000);
        h.advance(Duration.ofSeconds(60));
        h.maintain();
        assertThat(sub.take(Publish.class)).isEmpty();
    }

    private void restore(long disconnectedAt) {
        StoredState.StoredSession stored = new StoredState.StoredSession("w", MqttVersion.V5, 600, delayed,
                disconnectedAt, List.of(), List.of(), Set.of());
        h.sessions.restore(stored, h.loop(), h.clock.millis());
    }
}
