package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.connectV5;
import static dev.wren.broker.connection.Harness.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.persistence.StoredState;
import dev.wren.broker.persistence.StoredSubscription;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.Session;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Acknowledgements wait for the store; what the store is told; start-up restore. */
class PersistenceWiringTest {
    private final DeferredPersistence store = new DeferredPersistence();
    private final Harness h = new Harness(BrokerConfig.builder().build(), null, store);

    private Harness.Client persistentSubscriber() {
        Harness.Client sub = h.client().send(connectV5("s", true, 600));
        assertThat(sub.take()).as("CONNACK waits for saveSession").isEmpty();
        store.completeAll();
        h.settle();
        assertThat(sub.take().get(0)).isInstanceOf(ConnAck.class);
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        assertThat(sub.take()).as("SUBACK waits for the subscription write").isEmpty();
        store.completeAll();
        h.settle();
        assertThat(sub.take().get(0)).isInstanceOf(SubAck.class);
        return sub;
    }

    @Test
    void qos1Publish_pubAckOnlyAfterStore_deliveriesStoredOnceWithSeq() {
        Harness.Client sub = persistentSubscriber();
        Harness.Client pub = h.client().send(connectV5("p", true, 0)); // not persistent: no store call
        pub.take();
        store.calls.clear();
        pub.send(publish("t", "x", QoS.AT_LEAST_ONCE, 9));
        assertThat(pub.take()).as("PUBACK waits for the store").isEmpty();
        assertThat(store.calls).contains("stored t [s] qos2id=0 seq=1", "sent s 1");
        store.completeAll();
        h.settle();
        assertThat(pub.take()).containsExactly(new PubAck(9));
        Publish got = sub.take(Publish.class).get(0);
        sub.send(new PubAck(got.packetId()));
        assertThat(store.calls).contains("acked s 1");
    }

    @Test
    void reconnect_deliveriesWaitForConnAck_whileSessionWriteIsPending() {
        persistentSubscriber().drop();
        store.completeAll();
        Harness.Client back = h.client().send(connectV5("s", false, 600)); // saveSession pending
        Harness.Client pub = h.client().send(connectV5("p", true, 0));
        pub.send(publish("t", "during", QoS.AT_LEAST_ONCE, 1));
        assertThat(back.take()).as("nothing before the CONNACK [MQTT-3.2.0-1]").isEmpty();
        store.completeAll();
        h.settle();
        List<?> got = back.take();
        assertThat(got.get(0)).isInstanceOf(ConnAck.class);
        assertThat(((Publish) got.get(1)).payload().toUtf8String()).isEqualTo("during");
    }

    @Test
    void cleanSessionSubscriber_notStored() {
        Harness.Client sub = h.client().send(connectV5("c", true, 0));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        assertThat(sub.take()).hasSize(2); // CONNACK and SUBACK at once: nothing to store
        Harness.Client pub = h.client().send(connectV5("p", true, 0));
        pub.send(publish("t", "x", QoS.AT_LEAST_ONCE, 1));
        assertThat(store.calls).isEmpty();
        assertThat(pub.take(PubAck.class)).hasSize(1);
    }

    @Test
    void restoredSession_resumesWithQueueAndSubscriptions() {
        Message m = new Message("t", Binary.utf8("kept"), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE, "p",
                Long.MAX_VALUE);
        StoredState.StoredSession stored = new StoredState.StoredSession("s", MqttVersion.V5, 600, null,
                h.clock.millis(), List.of(new StoredSubscription(new Subscription(new TopicFilter("t"),
                        QoS.AT_LEAST_ONCE), 0)),
                List.of(new StoredState.StoredDelivery(7, m, QoS.AT_LEAST_ONCE, false, List.of(), 0, false, false)),
                Set.of());
        ManualLoop loop = h.loop();
        Session s = h.sessions.restore(stored, loop, h.clock.millis());
        for (StoredSubscription sub : stored.subscriptions()) {
            h.router.subscribe(s, sub.subscription(), sub.subscriptionId());
        }
        Harness.Client back = h.client(loop).send(connectV5("s", false, 600));
        store.completeAll();
        h.settle();
        List<?> got = back.take();
        assertThat(((ConnAck) got.get(0)).sessionPresent()).isTrue();
        assertThat(((Publish) got.get(1)).payload().toUtf8String()).isEqualTo("kept");
        Harness.Client pub = h.client().send(connectV5("p", true, 0));
        pub.send(publish("t", "live", QoS.AT_LEAST_ONCE, 1));
        store.completeAll();
        h.settle();
        assertThat(back.take(Publish.class)).extracting(p -> p.payload().toUtf8String()).containsExactly("live");
    }

    @Test
    void restoredQos1_possiblySentGoesWithDup_neverSentWithout_MQTT_3_3_1_1_MQTT_3_3_1_3() {
        Message a = new Message("t", Binary.utf8("maybe sent"), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE, "p",
                Long.MAX_VALUE);
        Message b = new Message("t", Binary.utf8("never sent"), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE, "p",
                Long.MAX_VALUE);
        StoredState.StoredSession stored = new StoredState.StoredSession("s", MqttVersion.V5, 600, null,
                h.clock.millis(), List.of(), List.of(
                        new StoredState.StoredDelivery(7, a, QoS.AT_LEAST_ONCE, false, List.of(), 0, false, true),
                        new StoredState.StoredDelivery(8, b, QoS.AT_LEAST_ONCE, false, List.of(), 0, false, false)),
                Set.of());
        ManualLoop loop = h.loop();
        h.sessions.restore(stored, loop, h.clock.millis());
        Harness.Client back = h.client(loop).send(connectV5("s", false, 600));
        store.completeAll();
        h.settle();
        List<Publish> got = back.take(Publish.class);
        assertThat(got).extracting(p -> p.payload().toUtf8String()).containsExactly("maybe sent", "never sent");
        assertThat(got).extracting(Publish::dup).containsExactly(true, false);
        // a later resend of the second one (reconnect) is a re-delivery: DUP=1 as usual
        back.drop();
        Harness.Client again = h.client(loop).send(connectV5("s", false, 600));
        store.completeAll();
        h.settle();
        assertThat(again.take(Publish.class)).extracting(Publish::dup).containsExactly(true, true);
    }

    @Test
    void qos2FromPersistentPublisher_deliveredOnlyOnceItsPacketIdIsDurable() {
        Harness.Client sub = persistentSubscriber();
        Harness.Client pub = h.client().send(connectV5("p", true, 600));
        store.completeAll();
        h.settle();
        pub.take();
        pub.send(publish("t", "x", QoS.EXACTLY_ONCE, 4));
        assertThat(sub.take(Publish.class)).as("not before the inbound id is durable [MQTT-4.3.3]").isEmpty();
        assertThat(pub.take()).isEmpty();
        store.completeAll();
        h.settle();
        assertThat(pub.take()).containsExactly(new PubRec(4));
        assertThat(sub.take(Publish.class)).extracting(p -> p.payload().toUtf8String()).containsExactly("x");
    }

    @Test
    void acksKeepPublishOrder_laterAckWithNothingToStoreWaitsForEarlierStoreWrite() {
        Harness.Client sub = persistentSubscriber();
        Harness.Client pub = h.client().send(connectV5("p", true, 0));
        pub.take();
        pub.send(publish("t", "stored", QoS.AT_LEAST_ONCE, 1)) // waits for the store
                .send(publish("elsewhere", "nothing to store", QoS.AT_LEAST_ONCE, 2))
                .send(publish("elsewhere", "nothing to store", QoS.EXACTLY_ONCE, 3));
        assertThat(pub.take()).as("PUBACK 2 / PUBREC 3 must not overtake PUBACK 1 [MQTT-4.6.0-2] [MQTT-4.6.0-3]")
                .isEmpty();
        store.completeAll();
        h.settle();
        assertThat(pub.take()).extracting(p -> p instanceof PubAck a ? a.packetId() : ((PubRec) p).packetId())
                .containsExactly(1, 2, 3);
        // nothing pending any more: the fast path acknowledges at once again
        pub.send(publish("elsewhere", "x", QoS.AT_LEAST_ONCE, 4));
        assertThat(pub.take(PubAck.class)).extracting(PubAck::packetId).containsExactly(4);
        assertThat(sub.take(Publish.class)).hasSize(1);
    }
}
