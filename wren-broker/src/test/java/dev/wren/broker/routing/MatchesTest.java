package dev.wren.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.session.Delivery;
import dev.wren.broker.session.Loop;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.QueueLimits;
import dev.wren.broker.session.Session;
import dev.wren.broker.session.SessionHooks;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matches to deliveries: one per session, overlapping subscriptions merged [MQTT-3.3.4-2] [MQTT-3.3.4-3]. */
class MatchesTest {
    private final Matches matches = new Matches();

    private static Session session(String id) {
        return new Session(id, new Loop() {
            @Override
            public boolean inLoop() {
                return true;
            }

            @Override
            public void execute(Runnable task) {
                task.run();
            }

            @Override
            public void schedule(Runnable task, long delayNanos) {}
        }, new QueueLimits(10, 1 << 20, false), new SessionHooks() {
            @Override
            public void publishWill(Session session, Message will) {}

            @Override
            public void removeSubscriptions(Session session) {}

            @Override
            public void offline(Session session) {}

            @Override
            public void willPublished(Session session) {}

            @Override
            public void ended(Session session) {}
        }, new BrokerMetrics(), Clock.systemUTC(), null);
    }

    private static Message message(QoS qos, boolean retain, String origin) {
        return new Message("a/b", Binary.utf8("x"), qos, retain, PublishProperties.NONE, origin, Long.MAX_VALUE);
    }

    private Map<Session, List<Delivery>> route(Message m, Target... targets) {
        Map<Session, List<Delivery>> out = new IdentityHashMap<>();
        matches.begin(m, null);
        for (Target t : targets) {
            matches.accept(t);
        }
        int reached = matches.dispatch((s, d) -> out.computeIfAbsent(s, k -> new ArrayList<>()).add(d));
        matches.clear();
        assertThat(reached).isEqualTo(out.size());
        return out;
    }

    @Test
    void distinctSessions_oneDeliveryEach_withItsOwnOptions() {
        Session a = session("a");
        Session b = session("b");
        Session c = session("c");
        Map<Session, List<Delivery>> got = route(message(QoS.EXACTLY_ONCE, true, "p"),
                new ClientSubscription(a, QoS.AT_MOST_ONCE, false, false, 0),
                new ClientSubscription(b, QoS.AT_LEAST_ONCE, false, true, 7),
                new ClientSubscription(c, QoS.EXACTLY_ONCE, false, false, 0));
        assertThat(got).hasSize(3);
        assertThat(got.get(a)).singleElement().satisfies(d -> {
            assertThat(d.qos()).isEqualTo(QoS.AT_MOST_ONCE);
            assertThat(d.retain()).isFalse();
            assertThat(d.subscriptionIds()).isEmpty();
        });
        assertThat(got.get(b)).singleElement().satisfies(d -> {
            assertThat(d.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            assertThat(d.retain()).isTrue();
            assertThat(d.subscriptionIds()).containsExactly(7);
        });
        assertThat(got.get(c).get(0).qos()).isEqualTo(QoS.EXACTLY_ONCE);
    }

    @Test
    void overlappingSubscriptions_oneDelivery_highestQos_allIdentifiers() {
        Session a = session("a");
        Session b = session("b");
        Map<Session, List<Delivery>> got = route(message(QoS.EXACTLY_ONCE, true, "p"),
                new ClientSubscription(a, QoS.AT_MOST_ONCE, false, false, 1),
                new ClientSubscription(b, QoS.AT_MOST_ONCE, false, false, 0),
                new ClientSubscription(a, QoS.AT_LEAST_ONCE, false, true, 0),
                new ClientSubscription(a, QoS.AT_MOST_ONCE, false, false, 3));
        assertThat(got).hasSize(2);
        assertThat(got.get(a)).singleElement().satisfies(d -> {
            assertThat(d.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            assertThat(d.retain()).isTrue();
            assertThat(d.subscriptionIds()).containsExactlyInAnyOrder(1, 3);
        });
        assertThat(got.get(b)).singleElement().satisfies(d -> assertThat(d.qos()).isEqualTo(QoS.AT_MOST_ONCE));
    }

    @Test
    void scratchIsReused_nextMessageSeesNoLeftovers() {
        Session a = session("a");
        Session b = session("b");
        route(message(QoS.AT_LEAST_ONCE, false, "p"),
                new ClientSubscription(a, QoS.AT_LEAST_ONCE, false, false, 1),
                new ClientSubscription(a, QoS.AT_LEAST_ONCE, false, false, 2));
        Map<Session, List<Delivery>> got = route(message(QoS.AT_LEAST_ONCE, false, "p"),
                new ClientSubscription(a, QoS.AT_MOST_ONCE, false, false, 0),
                new ClientSubscription(b, QoS.AT_MOST_ONCE, false, false, 0));
        assertThat(got.get(a)).singleElement().satisfies(d -> {
            assertThat(d.qos()).isEqualTo(QoS.AT_MOST_ONCE);
            assertThat(d.subscriptionIds()).isEmpty();
        });
        assertThat(got.get(b)).hasSize(1);
    }

    @Test
    void noLocal_notBackToThePublisher() { // [MQTT-3.8.3-3]
        Session a = session("a");
        Session b = session("b");
        Map<Session, List<Delivery>> got = route(message(QoS.AT_MOST_ONCE, false, "a"),
                new ClientSubscription(a, QoS.AT_MOST_ONCE, true, false, 0),
                new ClientSubscription(b, QoS.AT_MOST_ONCE, true, false, 0));
        assertThat(got).containsOnlyKeys(b);
    }

    @Test
    void largeFanOut_withSomeOverlap_eachSessionOnce() {
        List<Session> sessions = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // above the size whose scratch map is kept
            Session s = session("s" + i);
            sessions.add(s);
            targets.add(new ClientSubscription(s, QoS.AT_MOST_ONCE, false, false, 0));
            if (i % 1000 == 0) {
                targets.add(new ClientSubscription(s, QoS.AT_LEAST_ONCE, false, false, 5));
            }
        }
        for (int round = 0; round < 2; round++) {
            Map<Session, List<Delivery>> got = route(message(QoS.AT_LEAST_ONCE, false, "p"), targets.toArray(Target[]::new));
            assertThat(got).hasSize(20_000);
            assertThat(got.values()).allSatisfy(l -> assertThat(l).hasSize(1));
            assertThat(got.get(sessions.get(1000)).get(0).qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            assertThat(got.get(sessions.get(1001)).get(0).qos()).isEqualTo(QoS.AT_MOST_ONCE);
        }
    }
}
