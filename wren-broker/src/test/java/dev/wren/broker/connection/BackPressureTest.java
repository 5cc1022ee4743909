package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.connectV5;
import static dev.wren.broker.connection.Harness.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.Metric;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PingResp;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Publisher back-pressure: high water 4, low water 2, queue 20, grace 1 s, longest pause 5 s.
 * The subscriber has a window of one message, so every further QoS 1 message waits in its queue.
 */
class BackPressureTest {
    private final Harness h = new Harness(BrokerConfig.builder().maintenanceIntervalMillis(0).maxQueuedMessages(20)
            .backPressureHighWater(4).slowConsumerGraceMillis(1000).maxPublisherPauseMillis(5000).build());
    private final Harness.Client sub = subscriber();
    private final Harness.Client pub = h.client().send(connectV5("pub", true, 0));

    private Harness.Client subscriber() {
        ConnectProperties window1 = new ConnectProperties(0, 1, 0, 0, false, true, List.of(), null, null);
        Harness.Client c = h.client().send(new Connect(MqttVersion.V5, "sub", true, 60, null, null, null, window1));
        c.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        c.take();
        return c;
    }

    /** Publishes m{from}..m{to} with packet ids = numbers. */
    private void publishRange(Harness.Client c, int from, int to, QoS qos) {
        for (int i = from; i <= to; i++) {
            c.send(publish("t", "m" + i, qos, i));
        }
    }

    /** m1 in flight, m2..m5 queued (4 = high water), m6 pauses the publisher, m7 is held. */
    private void pauseWithHeldM7() {
        pub.take();
        publishRange(pub, 1, 7, QoS.AT_LEAST_ONCE);
        assertThat(pub.take(PubAck.class)).extracting(PubAck::packetId).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(pub.transport.autoRead).isFalse();
        assertThat(h.metrics.get(Metric.PUBLISHERS_PAUSED)).isEqualTo(1);
    }

    private void ackOne() {
        List<Publish> got = sub.take(Publish.class).stream().filter(p -> p.packetId() != 0).toList();
        sub.send(new PubAck(got.get(got.size() - 1).packetId()));
    }

    @Test
    void drainingSubscriber_aboveHighWater_pausesPublisherUntilLowWater_nothingLost() {
        pauseWithHeldM7();
        ackOne(); // m2 sent, 4 waiting
        ackOne(); // m3 sent, 3 waiting
        assertThat(pub.take()).isEmpty();
        ackOne(); // m4 sent, 2 waiting = low water: m7 is read and routed
        assertThat(pub.take(PubAck.class)).extracting(PubAck::packetId).containsExactly(7);
        assertThat(pub.transport.autoRead).isTrue();
        for (int i = 0; i < 3; i++) {
            ackOne();
        }
        assertThat(sub.take(Publish.class)).extracting(p -> p.payload().toUtf8String()).containsExactly("m7");
        assertThat(h.metrics.get(Metric.PUBLISHER_PAUSES)).isEqualTo(1);
        assertThat(h.metrics.get(Metric.PUBLISHERS_PAUSED)).isZero();
        assertThat(h.metrics.droppedTotal()).isZero();
    }

    @Test
    void pausedPublisher_acksAndPingHandled_otherPacketsHeldInOrder() {
        pauseWithHeldM7();
        pub.send(PingReq.INSTANCE);
        assertThat(pub.take()).containsExactly(PingResp.INSTANCE);
        pub.send(publish("t", "m8", QoS.AT_LEAST_ONCE, 8));
        ackOne();
        ackOne();
        ackOne();
        assertThat(pub.take(PubAck.class)).extracting(PubAck::packetId).containsExactly(7, 8);
    }

    @Test
    void qos0Publisher_toCongestedSession_pausedToo() {
        pauseWithHeldM7();
        Harness.Client pub0 = h.client().send(connectV5("pub0", true, 0));
        pub0.send(publish("t", "q0", QoS.AT_MOST_ONCE, 0));
        assertThat(pub0.transport.autoRead).isFalse();
        assertThat(h.metrics.get(Metric.PUBLISHERS_PAUSED)).isEqualTo(2);
        ackOne();
        ackOne();
        ackOne();
        assertThat(pub0.transport.autoRead).isTrue();
        assertThat(h.metrics.get(Metric.PUBLISHERS_PAUSED)).isZero();
    }

    @Test
    void slowButAliveSubscriber_pauseEndsAfterMaximum_thenOverflowDroppedNotDisconnected() {
        pauseWithHeldM7();
        for (int s = 0; s < 4; s++) {
            h.advance(Duration.ofMillis(1000));
            h.settle();
            assertThat(pub.transport.autoRead).isFalse();
        }
        h.advance(Duration.ofMillis(1000));
        h.settle();
        assertThat(pub.transport.autoRead).isTrue();
        assertThat(pub.take(PubAck.class)).extracting(PubAck::packetId).containsExactly(7);
        assertThat(h.metrics.get(Metric.PUBLISHER_FORCED_RESUMES)).isEqualTo(1);
        assertThat(h.metrics.get(Metric.PUBLISHER_PAUSED_MILLIS)).isEqualTo(5000);
        publishRange(pub, 8, 30, QoS.AT_LEAST_ONCE); // the session no longer pauses anyone: its queue overflows
        assertThat(pub.transport.autoRead).isTrue();
        assertThat(h.metrics.get(Metric.PUBLISHER_PAUSES)).isEqualTo(1);
        assertThat(h.metrics.get(Metric.DROPPED_QUEUE_FULL)).isPositive();
        assertThat(sub.closed()).isFalse();
    }

    @Test
    void stuckSubscriber_afterGrace_pausesNobody_keepsDisconnectPolicy() {
        pub.take();
        sub.transport.writable = false; // the subscriber stops reading its socket
        publishRange(pub, 1, 6, QoS.AT_LEAST_ONCE);
        assertThat(pub.transport.autoRead).as("within the grace period it still counts as draining").isFalse();
        h.advance(Duration.ofMillis(1001));
        h.settle();
        assertThat(pub.transport.autoRead).isTrue();
        assertThat(h.metrics.get(Metric.PUBLISHER_FORCED_RESUMES)).isZero();
        publishRange(pub, 7, 40, QoS.AT_LEAST_ONCE);
        assertThat(h.metrics.get(Metric.PUBLISHER_PAUSES)).isEqualTo(1);
        assertThat(sub.take()).last().isEqualTo(new Disconnect(ReasonCode.QUOTA_EXCEEDED,
                "outbound queue of the session is full"));
        assertThat(h.metrics.get(Metric.SLOW_CONSUMER_DISCONNECTS)).isEqualTo(1);
    }

    @Test
    void subscriberLeaves_wakesPausedPublisher() {
        pauseWithHeldM7();
        sub.drop();
        assertThat(pub.transport.autoRead).isTrue();
        assertThat(pub.take(PubAck.class)).extracting(PubAck::packetId).containsExactly(7);
        assertThat(h.metrics.get(Metric.PUBLISHERS_PAUSED)).isZero();
    }

    @Test
    void publisherLeavesWhilePaused_pauseEnds_laterWakeUpIgnored() {
        pauseWithHeldM7();
        pub.drop();
        assertThat(h.metrics.get(Metric.PUBLISHERS_PAUSED)).isZero();
        ackOne();
        ackOne();
        ackOne();
        h.advance(Duration.ofSeconds(10));
        h.settle();
        assertThat(h.metrics.get(Metric.PUBLISHER_FORCED_RESUMES)).isZero();
    }

    @Test
    void keepAliveWhilePaused_excused_thenEnforcedAgain() {
        pauseWithHeldM7();
        pub.transport.loop.run(pub.connection::onKeepAliveTimeout);
        assertThat(pub.closed()).isFalse();
        ackOne();
        ackOne();
        ackOne();
        pub.transport.loop.run(pub.connection::onKeepAliveTimeout); // paused since the last idle event
        assertThat(pub.closed()).isFalse();
        pub.transport.loop.run(pub.connection::onKeepAliveTimeout);
        assertThat(pub.closed()).isTrue();
        assertThat(h.metrics.get(Metric.KEEP_ALIVE_TIMEOUTS)).isEqualTo(1);
    }

    @Test
    void backPressureOff_neverPauses() {
        Harness off = new Harness(BrokerConfig.builder().maintenanceIntervalMillis(0).maxQueuedMessages(20)
                .backPressureHighWater(0).build());
        Harness.Client s = off.client().send(new Connect(MqttVersion.V5, "sub", true, 60, null, null, null,
                new ConnectProperties(0, 1, 0, 0, false, true, List.of(), null, null)));
        s.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        Harness.Client p = off.client().send(connectV5("pub", true, 0));
        publishRange(p, 1, 30, QoS.AT_LEAST_ONCE);
        assertThat(p.transport.autoRead).isTrue();
        assertThat(off.metrics.get(Metric.PUBLISHER_PAUSES)).isZero();
        assertThat(off.metrics.get(Metric.DROPPED_QUEUE_FULL)).isPositive();
    }

    @Test
    void twoCongestedSubscribers_publisherWaitsForEachInTurn() {
        ConnectProperties window1 = new ConnectProperties(0, 1, 0, 0, false, true, List.of(), null, null);
        Harness.Client sub2 = h.client().send(new Connect(MqttVersion.V5, "sub2", true, 60, null, null, null, window1));
        sub2.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE))));
        sub2.take();
        pauseWithHeldM7(); // both sessions are above high water; the publisher waits for one of them
        ackOne();
        ackOne();
        ackOne(); // sub is at low water; sub2 is not, so the publisher still waits (or waits again) for sub2
        assertThat(pub.transport.autoRead).isFalse();
        for (int i = 0; i < 6 && !pub.transport.autoRead; i++) { // 3 or 4 acks, depending on which it waited for
            List<Publish> got = sub2.take(Publish.class);
            sub2.send(new PubAck(got.get(got.size() - 1).packetId()));
        }
        assertThat(pub.transport.autoRead).isTrue();
        assertThat(pub.take(PubAck.class)).extracting(PubAck::packetId).containsExactly(7);
        assertThat(h.metrics.get(Metric.PUBLISHER_PAUSES)).isBetween(1L, 2L);
        assertThat(h.metrics.get(Metric.PUBLISHERS_PAUSED)).isZero();
        assertThat(h.metrics.droppedTotal()).isZero();
    }

    @Test
    void subscriberTakenOverOnAnotherLoop_pausedPublisherWoken() {
        pauseWithHeldM7();
        Harness.Client again = h.client().send(new Connect(MqttVersion.V5, "sub", false, 60, null, null, null,
                new ConnectProperties(600, 1, 0, 0, false, true, List.of(), null, null)));
        assertThat(sub.closed()).isTrue();
        assertThat(pub.transport.autoRead).isTrue();
        assertThat(pub.take(PubAck.class)).extracting(PubAck::packetId).containsExactly(7);
        assertThat(again.connection.isConnected()).isTrue();
        assertThat(h.metrics.get(Metric.PUBLISHERS_PAUSED)).isZero();
    }
}
