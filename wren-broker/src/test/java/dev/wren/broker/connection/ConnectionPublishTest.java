package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.connect;
import static dev.wren.broker.connection.Harness.connectV5;
import static dev.wren.broker.connection.Harness.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.Metric;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.RetainHandling;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionPublishTest {
    private final Harness h = new Harness();

    private Harness.Client subscriber(String id, String filter, QoS qos) {
        Harness.Client c = h.client().send(connectV5(id, true, 0));
        c.send(new Subscribe(1, List.of(new Subscription(new TopicFilter(filter), qos))));
        c.take();
        return c;
    }

    private Harness.Client publisher() {
        Harness.Client c = h.client().send(connectV5("pub", true, 0));
        c.take();
        return c;
    }

    @Test
    void qos1_deliveredAndAcknowledged() {
        Harness.Client sub = subscriber("s", "a/+", QoS.AT_LEAST_ONCE);
        Harness.Client pub = publisher();
        pub.send(publish("a/b", "x", QoS.AT_LEAST_ONCE, 7));
        assertThat(pub.take()).containsExactly(new PubAck(7));
        Publish got = sub.take(Publish.class).get(0);
        assertThat(got.topic()).isEqualTo("a/b");
        assertThat(got.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(got.packetId()).isPositive();
        assertThat(got.retain()).isFalse();
    }

    @Test
    void noSubscribers_pubAck0x10() {
        Harness.Client pub = publisher();
        pub.send(publish("nobody", "x", QoS.AT_LEAST_ONCE, 1));
        assertThat(pub.take()).containsExactly(new PubAck(1, ReasonCode.NO_MATCHING_SUBSCRIBERS));
    }

    @Test
    void qos_downgradedToGrantedQos() {
        Harness.Client sub = subscriber("s", "t", QoS.AT_MOST_ONCE);
        publisher().send(publish("t", "x", QoS.EXACTLY_ONCE, 1));
        Publish got = sub.take(Publish.class).get(0);
        assertThat(got.qos()).isEqualTo(QoS.AT_MOST_ONCE);
        assertThat(got.packetId()).isZero();
    }

    @Test
    void qos2_duplicateBeforePubRel_notDeliveredAgain() {
        Harness.Client sub = subscriber("s", "t", QoS.EXACTLY_ONCE);
        Harness.Client pub = publisher();
        pub.send(publish("t", "x", QoS.EXACTLY_ONCE, 5));
        pub.send(publish("t", "x", QoS.EXACTLY_ONCE, 5).withDup(true));
        assertThat(pub.take()).containsExactly(new PubRec(5), new PubRec(5));
        assertThat(sub.take(Publish.class)).hasSize(1);
        pub.send(new PubRel(5));
        assertThat(pub.take()).containsExactly(new PubComp(5));
        pub.send(publish("t", "y", QoS.EXACTLY_ONCE, 5));
        assertThat(sub.take(Publish.class)).hasSize(1);
    }

    @Test
    void qos2_outboundFlow_pubRecPubRelPubComp() {
        Harness.Client sub = subscriber("s", "t", QoS.EXACTLY_ONCE);
        publisher().send(publish("t", "x", QoS.EXACTLY_ONCE, 1));
        int id = sub.take(Publish.class).get(0).packetId();
        sub.send(new PubRec(id));
        assertThat(sub.take()).containsExactly(new PubRel(id));
        sub.send(new PubComp(id));
        assertThat(h.sessions.get("s").inflightCount()).isZero();
    }

    @Test
    void inboundReceiveMaximumExceeded_disconnects0x93() {
        Harness hh = new Harness(BrokerConfig.builder().receiveMaximum(2).build());
        Harness.Client pub = hh.client().send(connectV5("p", true, 0));
        pub.take();
        pub.send(publish("t", "1", QoS.EXACTLY_ONCE, 1)).send(publish("t", "2", QoS.EXACTLY_ONCE, 2));
        pub.send(publish("t", "3", QoS.EXACTLY_ONCE, 3));
        assertThat(pub.take()).last().isEqualTo(new Disconnect(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                "more than Receive Maximum QoS 2 PUBLISHes"));
    }

    @Test
    void outboundWindow_boundedByClientReceiveMaximum_ackReleasesNext() {
        ConnectProperties p = new ConnectProperties(0, 2, 0, 0, false, true, List.of(), null, null);
        Harness.Client sub = h.client().send(new dev.wren.codec.packet.Connect(MqttVersion.V5, "s", true, 60, null,
                null, null, p));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        sub.take();
        Harness.Client pub = publisher();
        for (int i = 1; i <= 5; i++) {
            pub.send(publish("t", "m" + i, QoS.AT_LEAST_ONCE, i));
        }
        List<Publish> first = sub.take(Publish.class);
        assertThat(first).extracting(x -> x.payload().toUtf8String()).containsExactly("m1", "m2");
        sub.send(new PubAck(first.get(0).packetId()));
        List<Publish> next = sub.take(Publish.class);
        assertThat(next).extracting(x -> x.payload().toUtf8String()).containsExactly("m3");
        assertThat(next.get(0).packetId()).isNotEqualTo(first.get(1).packetId()); // never reused while in flight
    }

    @Test
    void ackBurst_drainsOnceAtTheEndOfTheBurst_andFillsTheFreedWindow() {
        ConnectProperties p = new ConnectProperties(0, 3, 0, 0, false, true, List.of(), null, null);
        Harness.Client sub = h.client().send(new dev.wren.codec.packet.Connect(MqttVersion.V5, "s", true, 60, null,
                null, null, p));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        sub.take();
        Harness.Client pub = publisher();
        for (int i = 1; i <= 8; i++) {
            pub.send(publish("t", "m" + i, QoS.AT_LEAST_ONCE, i));
        }
        List<Publish> first = sub.take(Publish.class);
        assertThat(first).extracting(x -> x.payload().toUtf8String()).containsExactly("m1", "m2", "m3");

        // inside the burst the acks only free the window; nothing is sent before the burst ends
        sub.transport.loop.run(() -> {
            sub.connection.onPacket(new PubAck(first.get(0).packetId()));
            sub.connection.onPacket(new PubAck(first.get(1).packetId()));
            assertThat(sub.transport.written).isEmpty();
            sub.connection.onReadComplete();
        });
        assertThat(sub.take(Publish.class)).extracting(x -> x.payload().toUtf8String()).containsExactly("m4", "m5");

        // one ack per read burst, as a slow client sends them: each burst fills the slot it freed
        sub.send(new PubAck(first.get(2).packetId()));
        assertThat(sub.take(Publish.class)).extracting(x -> x.payload().toUtf8String()).containsExactly("m6");
    }

    @Test
    void resumedSession_resendsUnackedPublishWithDup_andPubRel() {
        Harness.Client sub = h.client().send(connectV5("s", true, 300));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.EXACTLY_ONCE))));
        Harness.Client pub = publisher();
        pub.send(publish("t", "a", QoS.EXACTLY_ONCE, 1)).send(publish("t", "b", QoS.EXACTLY_ONCE, 2));
        List<Publish> got = sub.take(Publish.class);
        sub.send(new PubRec(got.get(0).packetId()));
        sub.drop();
        Harness.Client again = h.client().send(connectV5("s", false, 300));
        List<Object> resent = List.copyOf(again.take().subList(1, 3));
        assertThat(resent).containsExactly(new PubRel(got.get(0).packetId()), got.get(1).withDup(true));
    }

    @Test
    void offlineSession_queuesQos1_deliveredOnReconnect() {
        h.client().send(connectV5("s", true, 300))
                .send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE)))).drop();
        publisher().send(publish("t", "q", QoS.AT_LEAST_ONCE, 1)).send(publish("t", "z", QoS.AT_MOST_ONCE, 0));
        Harness.Client again = h.client().send(connectV5("s", false, 300));
        assertThat(again.take(Publish.class)).extracting(x -> x.payload().toUtf8String()).containsExactly("q");
    }

    @Test
    void offlineQueueFull_dropsAndCounts() {
        Harness hh = new Harness(BrokerConfig.builder().maxQueuedMessages(2).build());
        hh.client().send(connectV5("s", true, 300))
                .send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE)))).drop();
        Harness.Client pub = hh.client().send(connectV5("p", true, 0));
        for (int i = 1; i <= 3; i++) {
            pub.send(publish("t", "m" + i, QoS.AT_LEAST_ONCE, i));
        }
        assertThat(hh.metrics.get(Metric.DROPPED_QUEUE_FULL)).isEqualTo(1);
        assertThat(hh.client().send(connectV5("s", false, 300)).take(Publish.class)).hasSize(2);
    }

    @Test
    void slowConsumer_qos0Dropped_qos1QueuedThenDisconnected() {
        Harness hh = new Harness(BrokerConfig.builder().maxQueuedMessages(1).build());
        Harness.Client sub = hh.client().send(connectV5("s", true, 0));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        sub.take();
        sub.transport.writable = false;
        Harness.Client pub = hh.client().send(connectV5("p", true, 0));
        pub.send(publish("t", "zero", QoS.AT_MOST_ONCE, 0));
        assertThat(hh.metrics.get(Metric.DROPPED_QOS0_SLOW_CONSUMER)).isEqualTo(1);
        pub.send(publish("t", "one", QoS.AT_LEAST_ONCE, 1));
        assertThat(sub.take()).isEmpty();
        pub.send(publish("t", "two", QoS.AT_LEAST_ONCE, 2));
        assertThat(sub.take()).containsExactly(new Disconnect(ReasonCode.QUOTA_EXCEEDED,
                "outbound queue of the session is full"));
        assertThat(hh.metrics.get(Metric.SLOW_CONSUMER_DISCONNECTS)).isEqualTo(1);
    }

    @Test
    void messageExpiry_decrementedOnForward_expiredQueuedMessageDropped() {
        h.client().send(connectV5("s", true, 300))
                .send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE)))).drop();
        PublishProperties props = new PublishProperties(false, 10, null, null, null, List.of());
        PublishProperties longer = new PublishProperties(false, 100, null, null, null, List.of());
        Harness.Client pub = publisher();
        pub.send(new Publish("t", Binary.utf8("short"), QoS.AT_LEAST_ONCE, false, false, 1, props, 0, List.of()));
        pub.send(new Publish("t", Binary.utf8("long"), QoS.AT_LEAST_ONCE, false, false, 2, longer, 0, List.of()));
        h.advance(Duration.ofSeconds(30));
        List<Publish> got = h.client().send(connectV5("s", false, 300)).take(Publish.class);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).properties().messageExpiryInterval()).isEqualTo(70);
        assertThat(h.metrics.get(Metric.DROPPED_EXPIRED)).isEqualTo(1);
    }

    @Test
    void publishProperties_forwardedUnchanged() {
        Harness.Client sub = subscriber("s", "t", QoS.AT_LEAST_ONCE);
        PublishProperties props = new PublishProperties(true, -1, "text/plain", "reply/to", Binary.utf8("corr"),
                List.of(new UserProperty("b", "2"), new UserProperty("a", "1"), new UserProperty("b", "3")));
        publisher().send(new Publish("t", Binary.utf8("é"), QoS.AT_LEAST_ONCE, false, false, 1, props, 0, List.of()));
        assertThat(sub.take(Publish.class).get(0).properties()).isSameAs(props);
    }

    @Test
    void payloadFormatInvalid_pubAck0x99() {
        subscriber("s", "t", QoS.AT_LEAST_ONCE);
        PublishProperties utf8 = new PublishProperties(true, -1, null, null, null, List.of());
        Harness.Client pub = publisher();
        pub.send(new Publish("t", Binary.wrap(new byte[] {(byte) 0xC3}), QoS.AT_LEAST_ONCE, false, false, 1, utf8, 0,
                List.of()));
        assertThat(pub.take()).containsExactly(new PubAck(1, ReasonCode.PAYLOAD_FORMAT_INVALID));
    }

    @Test
    void topicAliasAboveMaximum_disconnects0x94_knownAliasResolved() {
        Harness.Client sub = subscriber("s", "t", QoS.AT_MOST_ONCE);
        Harness.Client pub = publisher();
        pub.send(new Publish("t", Binary.utf8("1"), QoS.AT_MOST_ONCE, false, false, 0, null, 3, List.of()));
        pub.send(new Publish("", Binary.utf8("2"), QoS.AT_MOST_ONCE, false, false, 0, null, 3, List.of()));
        assertThat(sub.take(Publish.class)).extracting(Publish::topic).containsExactly("t", "t");
        pub.send(new Publish("t", Binary.utf8("3"), QoS.AT_MOST_ONCE, false, false, 0, null, 17, List.of()));
        assertThat(pub.take()).containsExactly(new Disconnect(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias out of range"));
    }

    @Test
    void overlappingSubscriptions_oneDeliveryWithHighestQosAndAllIds() {
        Harness.Client sub = h.client().send(connectV5("s", true, 0));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("a/+"), QoS.AT_MOST_ONCE)), 5, List.of()));
        sub.send(new Subscribe(2, List.of(new Subscription(new TopicFilter("a/#"), QoS.AT_LEAST_ONCE)), 9, List.of()));
        sub.take();
        publisher().send(publish("a/b", "x", QoS.EXACTLY_ONCE, 1));
        List<Publish> got = sub.take(Publish.class);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(got.get(0).subscriptionIdentifiers()).containsExactlyInAnyOrder(5, 9);
    }

    @Test
    void noLocal_ownMessagesNotDelivered() {
        Harness.Client c = h.client().send(connectV5("me", true, 0));
        c.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_MOST_ONCE, true, false,
                RetainHandling.SEND))));
        c.take();
        c.send(publish("t", "x", QoS.AT_MOST_ONCE, 0));
        assertThat(c.take()).isEmpty();
    }

    @Test
    void retained_sentOnSubscribeWithRetainFlag_emptyPayloadDeletes() {
        Harness.Client pub = publisher();
        pub.send(new Publish("r/1", Binary.utf8("keep"), QoS.AT_LEAST_ONCE, true, 1));
        Harness.Client sub = subscriber("s", "r/#", QoS.AT_LEAST_ONCE);
        // subscriber() discarded SUBACK and retained; subscribe again with a new client
        Harness.Client sub2 = h.client().send(connectV5("s2", true, 0));
        sub2.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("r/#"), QoS.AT_LEAST_ONCE))));
        List<Object> got = List.copyOf(sub2.take());
        assertThat(got.get(1)).isInstanceOf(SubAck.class);
        Publish retained = (Publish) got.get(2);
        assertThat(retained.retain()).isTrue();
        assertThat(retained.payload().toUtf8String()).isEqualTo("keep");
        pub.send(new Publish("r/1", Binary.EMPTY, QoS.AT_MOST_ONCE, true, 0));
        assertThat(h.router.retainedCount()).isZero();
        List<Publish> live = sub.take(Publish.class); // the empty delete is forwarded live, RETAIN cleared
        assertThat(live).hasSize(1);
        assertThat(live.get(0).retain()).isFalse();
    }

    @Test
    void retainHandling2_noRetainedOnSubscribe() {
        publisher().send(new Publish("r", Binary.utf8("keep"), QoS.AT_MOST_ONCE, true, 0));
        Harness.Client sub = h.client().send(connectV5("s", true, 0));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("r"), QoS.AT_MOST_ONCE, false, false,
                RetainHandling.DO_NOT_SEND))));
        assertThat(sub.take(Publish.class)).isEmpty();
    }

    @Test
    void v311_subscriberGetsV5Message() {
        Harness.Client sub = h.client().send(connect(MqttVersion.V3_1_1, "old", true));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        sub.take();
        publisher().send(publish("t", "x", QoS.AT_LEAST_ONCE, 1));
        assertThat(sub.take(Publish.class)).hasSize(1);
    }
}
