package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.Metric;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundDetailsTest {
    private static Connect connect(String id, int receiveMax, long maxPacket, int aliasMax) {
        ConnectProperties p = new ConnectProperties(0, receiveMax, maxPacket, aliasMax, false, true, List.of(), null,
                null);
        return new Connect(MqttVersion.V5, id, true, 60, null, null, null, p);
    }

    @Test
    void outboundAliases_assignedUpToClientMaximum_thenTopicOnlyAfterwards() {
        Harness h = new Harness(BrokerConfig.builder().outboundTopicAliases(true).build());
        Harness.Client sub = h.client().send(connect("s", 65535, 0, 1));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("#"), QoS.AT_MOST_ONCE))));
        sub.take();
        Harness.Client pub = h.client().send(connect("p", 65535, 0, 0));
        pub.send(publish("a", "1", QoS.AT_MOST_ONCE, 0)).send(publish("a", "2", QoS.AT_MOST_ONCE, 0))
                .send(publish("b", "3", QoS.AT_MOST_ONCE, 0));
        List<Publish> got = sub.take(Publish.class);
        assertThat(got).extracting(Publish::topic).containsExactly("a", "", "b");
        assertThat(got).extracting(Publish::topicAlias).containsExactly(1, 1, 0);
    }

    @Test
    void connAck_shrunkToClientMaximumPacketSize_limitsFallBackToDefaults() {
        Harness h = new Harness();
        Harness.Client c = h.client().send(connect("a", 65535, 8, 0));
        dev.wren.codec.packet.ConnAck ack = (dev.wren.codec.packet.ConnAck) c.take().get(0);
        assertThat(ack.reasonCode()).isEqualTo(dev.wren.codec.ReasonCode.SUCCESS);
        assertThat(dev.wren.codec.wire.MqttEncoder.encodedLength(ack, MqttVersion.V5)).isLessThanOrEqualTo(8);
        assertThat(ack.properties().receiveMaximum()).isEqualTo(65535);
        assertThat(ack.properties().topicAliasMaximum()).isZero();
    }

    @Test
    void connAck_assignedIdCannotFit_refusedWith0x95() {
        Harness h = new Harness();
        Harness.Client c = h.client().send(connect("", 65535, 16, 0));
        assertThat(c.take()).containsExactly(new dev.wren.codec.packet.ConnAck(false,
                dev.wren.codec.ReasonCode.PACKET_TOO_LARGE));
        assertThat(c.closed()).isTrue();
    }

    @Test
    void publishTooLargeForClient_discardedAsIfAcknowledged_windowFreed() {
        Harness h = new Harness();
        Harness.Client sub = h.client().send(connect("s", 1, 100, 0));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        sub.take();
        assertThat(sub.transport.outboundMax).isEqualTo(100);
        Harness.Client pub = h.client().send(connect("p", 65535, 0, 0));
        pub.send(publish("t", BIG, QoS.AT_LEAST_ONCE, 1)).send(publish("t", "next", QoS.AT_LEAST_ONCE, 2));
        // not written at all (checked before the write); the window of 1 stays free for the next one
        assertThat(sub.take(Publish.class)).extracting(p -> p.payload().toUtf8String()).containsExactly("next");
        assertThat(sub.transport.tooLarge).isEmpty();
        assertThat(h.metrics.get(Metric.DROPPED_TOO_LARGE_FOR_CLIENT)).isEqualTo(1);
        assertThat(pub.take(dev.wren.codec.packet.PubAck.class)).hasSize(2);
    }

    @Test
    void outboundAlias_recordedOnlyForPublishActuallyWritten() {
        Harness h = new Harness(BrokerConfig.builder().outboundTopicAliases(true).build());
        Harness.Client sub = h.client().send(connect("s", 65535, 100, 2));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("#"), QoS.AT_MOST_ONCE))));
        sub.take();
        Harness.Client pub = h.client().send(connect("p", 65535, 0, 0));
        pub.send(publish("a", BIG, QoS.AT_MOST_ONCE, 0)).send(publish("a", "small", QoS.AT_MOST_ONCE, 0));
        List<Publish> got = sub.take(Publish.class);
        // the dropped big one must not have established alias 1: the client never learned it
        assertThat(got).extracting(Publish::topic).containsExactly("a");
        assertThat(got).extracting(Publish::topicAlias).containsExactly(1);
    }

    private static Connect persistent(String id, boolean clean, long maxPacket) {
        ConnectProperties p = new ConnectProperties(600, 65535, maxPacket, 0, false, true, List.of(), null, null);
        return new Connect(MqttVersion.V5, id, clean, 60, null, null, null, p);
    }

    private static final String BIG = "x".repeat(300);

    @Test
    void resumedWithSmallerMaximumPacketSize_tooLargeInflightDiscarded_restResentInOrder() {
        Harness h = new Harness();
        Harness.Client sub = h.client().send(persistent("s", true, 0));
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        sub.take();
        Harness.Client pub = h.client().send(connect("p", 65535, 0, 0));
        pub.send(publish("t", "a", QoS.AT_LEAST_ONCE, 1)).send(publish("t", BIG, QoS.AT_LEAST_ONCE, 2))
                .send(publish("t", "b", QoS.AT_LEAST_ONCE, 3));
        assertThat(sub.take(Publish.class)).hasSize(3); // all in flight, none acknowledged
        sub.drop();

        // back with a Maximum Packet Size the big one does not fit: the encoder refuses it inside the write
        Harness.Client back = h.client().send(persistent("s", false, 100));
        assertThat(back.closed()).isFalse();
        assertThat(back.transport.autoRead).as("resumption completed").isTrue();
        List<Publish> resent = back.take(Publish.class);
        assertThat(resent).extracting(p -> p.payload().toUtf8String()).containsExactly("a", "b");
        assertThat(resent).allMatch(Publish::dup);
        assertThat(back.transport.tooLarge).isEmpty();
        assertThat(h.metrics.get(Metric.DROPPED_TOO_LARGE_FOR_CLIENT)).isEqualTo(1);
        back.send(new dev.wren.codec.packet.PubAck(resent.get(0).packetId()))
                .send(new dev.wren.codec.packet.PubAck(resent.get(1).packetId()));
        assertThat(h.sessions.get("s").inflightCount()).isZero();
    }

    @Test
    void tooLargeForClient_storeToldDroppedNeverSent() {
        DeferredPersistence store = new DeferredPersistence();
        Harness h = new Harness(BrokerConfig.builder().build(), null, store);
        Harness.Client sub = h.client().send(persistent("s", true, 100));
        store.completeAll();
        h.settle();
        sub.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        store.completeAll();
        h.settle();
        sub.take();
        Harness.Client pub = h.client().send(connect("p", 65535, 0, 0));
        store.calls.clear();
        pub.send(publish("t", BIG, QoS.AT_LEAST_ONCE, 1)).send(publish("t", "next", QoS.AT_LEAST_ONCE, 2));
        store.completeAll();
        h.settle();
        assertThat(store.calls).contains("dropped s 1", "sent s 2").doesNotContain("sent s 1");
        assertThat(sub.take(Publish.class)).extracting(p -> p.payload().toUtf8String()).containsExactly("next");
        assertThat(sub.transport.tooLarge).isEmpty();
        assertThat(h.sessions.get("s").inflightCount()).isEqualTo(1);
    }
}
