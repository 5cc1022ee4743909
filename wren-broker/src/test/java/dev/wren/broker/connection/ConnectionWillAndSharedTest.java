package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.connectV5;
import static dev.wren.broker.connection.Harness.publish;
import static dev.wren.broker.connection.Harness.withWill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.Will;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionWillAndSharedTest {
    private final Harness h = new Harness();

    private Harness.Client watcher(String filter) {
        Harness.Client c = h.client().send(connectV5("watch-" + filter.hashCode(), true, 0));
        c.send(new Subscribe(1, List.of(new Subscription(new TopicFilter(filter), QoS.AT_LEAST_ONCE))));
        c.take();
        return c;
    }

    private static Will will(long delay) {
        return new Will("will/t", Binary.utf8("gone"), QoS.AT_LEAST_ONCE, false, delay, PublishProperties.NONE);
    }

    @Test
    void will_publishedOnConnectionLoss() {
        Harness.Client w = watcher("will/t");
        h.client().send(withWill(connectV5("a", true, 0), will(0))).drop();
        assertThat(w.take(Publish.class)).extracting(p -> p.payload().toUtf8String()).containsExactly("gone");
    }

    @Test
    void will_notPublishedOnNormalDisconnect() {
        Harness.Client w = watcher("will/t");
        h.client().send(withWill(connectV5("a", true, 0), will(0))).send(Disconnect.NORMAL);
        assertThat(w.take(Publish.class)).isEmpty();
    }

    @Test
    void will_publishedOnDisconnectWithWillMessage0x04() {
        Harness.Client w = watcher("will/t");
        h.client().send(withWill(connectV5("a", true, 0), will(0)))
                .send(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE));
        assertThat(w.take(Publish.class)).hasSize(1);
    }

    @Test
    void will_publishedOnProtocolError() {
        Harness.Client w = watcher("will/t");
        Harness.Client a = h.client().send(withWill(connectV5("a", true, 0), will(0)));
        a.send(connectV5("a", true, 0)); // second CONNECT
        assertThat(w.take(Publish.class)).hasSize(1);
    }

    @Test
    void willDelay_publishedAfterDelay_byClock() {
        Harness.Client w = watcher("will/t");
        h.client().send(withWill(connectV5("a", true, 100), will(10))).drop();
        h.maintain();
        assertThat(w.take(Publish.class)).isEmpty();
        h.advance(Duration.ofSeconds(11));
        h.maintain();
        assertThat(w.take(Publish.class)).hasSize(1);
    }

    @Test
    void willDelay_cancelledByReconnect() {
        Harness.Client w = watcher("will/t");
        h.client().send(withWill(connectV5("a", true, 100), will(10))).drop();
        h.client().send(connectV5("a", false, 100));
        h.advance(Duration.ofSeconds(11));
        h.maintain();
        assertThat(w.take(Publish.class)).isEmpty();
    }

    @Test
    void willDelay_publishedAtSessionEndIfEarlier() {
        Harness.Client w = watcher("will/t");
        h.client().send(withWill(connectV5("a", true, 5), will(60))).drop();
        h.advance(Duration.ofSeconds(6));
        h.maintain();
        assertThat(w.take(Publish.class)).hasSize(1);
        assertThat(h.sessions.get("a")).isNull();
    }

    @Test
    void takeover_publishesOldWillWithoutDelay() {
        Harness.Client w = watcher("will/t");
        h.client().send(withWill(connectV5("a", false, 100), will(0)));
        h.client().send(connectV5("a", false, 100));
        assertThat(w.take(Publish.class)).hasSize(1);
    }

    private Harness.Client member(String id) {
        Harness.Client c = h.client().send(connectV5(id, true, 0));
        c.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("$share/g/s/#"), QoS.AT_LEAST_ONCE))));
        c.take();
        return c;
    }

    @Test
    void shared_roundRobinAmongMembers_eachMessageOnce() {
        Harness.Client m1 = member("m1");
        Harness.Client m2 = member("m2");
        Harness.Client pub = h.client().send(connectV5("p", true, 0));
        for (int i = 0; i < 4; i++) {
            pub.send(publish("s/x", "m" + i, QoS.AT_LEAST_ONCE, i + 1));
        }
        assertThat(m1.take(Publish.class)).hasSize(2);
        assertThat(m2.take(Publish.class)).hasSize(2);
    }

    @Test
    void shared_noRetainedOnSubscribe() {
        h.client().send(connectV5("p", true, 0)).send(new Publish("s/r", Binary.utf8("r"), QoS.AT_MOST_ONCE, true, 0));
        Harness.Client c = h.client().send(connectV5("m", true, 0));
        c.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("$share/g/s/#"), QoS.AT_LEAST_ONCE))));
        assertThat(c.take(Publish.class)).isEmpty();
    }

    @Test
    void shared_unackedMessagesOfLeavingMember_resentToAnother() {
        Harness.Client m1 = member("m1");
        Harness.Client m2 = member("m2");
        Harness.Client pub = h.client().send(connectV5("p", true, 0));
        pub.send(publish("s/x", "a", QoS.AT_LEAST_ONCE, 1)).send(publish("s/x", "b", QoS.AT_LEAST_ONCE, 2));
        List<Publish> toM1 = m1.take(Publish.class);
        List<Publish> toM2 = m2.take(Publish.class);
        assertThat(toM1).hasSize(1);
        m1.drop(); // never acknowledged
        List<Publish> resent = m2.take(Publish.class);
        assertThat(resent).extracting(p -> p.payload().toUtf8String())
                .containsExactly(toM1.get(0).payload().toUtf8String());
        assertThat(toM2).hasSize(1);
    }

    @Test
    void shared_qos2InFlightOfLeavingMember_notSentToOthers_completedOnReconnect() {
        Harness.Client m1 = h.client().send(connectV5("m1", true, 600));
        m1.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("$share/g/s/#"), QoS.EXACTLY_ONCE))));
        m1.take();
        Harness.Client pub = h.client().send(connectV5("p", true, 0));
        pub.send(publish("s/x", "q2", QoS.EXACTLY_ONCE, 1));
        Publish sent = m1.take(Publish.class).get(0);
        Harness.Client m2 = member("m2");
        m1.drop(); // no PUBREC
        assertThat(m2.take(Publish.class)).isEmpty(); // [MQTT-4.8.2-5]
        Harness.Client back = h.client().send(connectV5("m1", false, 600));
        assertThat(back.take(Publish.class)).containsExactly(sent.withDup(true)); // [MQTT-4.8.2-4]
    }

    @Test
    void shared_noLocal_isProtocolError() {
        Harness.Client c = h.client().send(connectV5("m", true, 0));
        c.take();
        c.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("$share/g/t"), QoS.AT_LEAST_ONCE, true,
                false, dev.wren.codec.RetainHandling.SEND))));
        assertThat(((Disconnect) c.take().get(0)).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void sessionMovesToNewLoop_onReconnectFromAnotherLoop() {
        ManualLoop first = h.loop();
        ManualLoop second = h.loop();
        h.client(first).send(connectV5("a", false, 100))
                .send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_LEAST_ONCE)))).drop();
        Harness.Client again = h.client(second).send(connectV5("a", false, 100));
        assertThat(((ConnAck) again.take().get(0)).sessionPresent()).isTrue();
        assertThat(h.sessions.get("a").loop()).isSameAs(second);
        h.client().send(connectV5("p", true, 0)).send(publish("t", "x", QoS.AT_LEAST_ONCE, 1));
        assertThat(again.take(Publish.class)).hasSize(1);
    }
}
