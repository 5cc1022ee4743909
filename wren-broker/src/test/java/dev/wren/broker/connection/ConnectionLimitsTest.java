package dev.wren.broker.connection;

import static dev.wren.broker.connection.Harness.connectV5;
import static dev.wren.broker.connection.Harness.publish;
import static dev.wren.broker.connection.Harness.withWill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.Metric;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.Disconnect;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.Will;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    private static Subscribe sub(int id, String... filters) {
        return new Subscribe(id, java.util.Arrays.stream(filters)
                .map(f -> new Subscription(new TopicFilter(f), QoS.EXACTLY_ONCE)).toList());
    }

    @Test
    void maxConnections_exceeded_connAck0x89() {
        Harness h = new Harness(BrokerConfig.builder().maxConnections(1).build());
        h.metrics.add(Metric.CONNECTIONS_CURRENT, 2); // the transport counts open sockets
        assertThat(h.client().send(connectV5("a", true, 0)).take())
                .containsExactly(new ConnAck(false, ReasonCode.SERVER_BUSY));
        assertThat(h.metrics.get(Metric.CONNECTIONS_REJECTED_LIMIT)).isEqualTo(1);
    }

    @Test
    void maxQos1_subscriptionGrantedQos1_publishQos2Disconnects0x9B() {
        Harness h = new Harness(BrokerConfig.builder().maxQos(1).build());
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        assertThat(((ConnAck) c.take().get(0)).properties().maximumQos()).isEqualTo(1);
        c.send(sub(1, "t"));
        assertThat(c.take()).containsExactly(new SubAck(1, List.of(ReasonCode.GRANTED_QOS_1)));
        c.send(publish("t", "x", QoS.EXACTLY_ONCE, 2));
        assertThat(((Disconnect) c.take().get(0)).reasonCode()).isEqualTo(ReasonCode.QOS_NOT_SUPPORTED);
    }

    @Test
    void willQosAboveMaximum_connAck0x9B() {
        Harness h = new Harness(BrokerConfig.builder().maxQos(0).build());
        Will w = new Will("w", Binary.utf8("x"), QoS.AT_LEAST_ONCE, false);
        assertThat(h.client().send(withWill(connectV5("a", true, 0), w)).take())
                .containsExactly(new ConnAck(false, ReasonCode.QOS_NOT_SUPPORTED));
    }

    @Test
    void retainNotAvailable_retainedPublishDisconnects0x9A() {
        Harness h = new Harness(BrokerConfig.builder().retainAvailable(false).build());
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        c.take();
        c.send(new Publish("t", Binary.utf8("x"), QoS.AT_MOST_ONCE, true, 0));
        assertThat(((Disconnect) c.take().get(0)).reasonCode()).isEqualTo(ReasonCode.RETAIN_NOT_SUPPORTED);
    }

    @Test
    void topicTooDeep_pubAck0x90_filterTooDeep_subAck0x8F() {
        Harness h = new Harness(BrokerConfig.builder().maxTopicLevels(3).build());
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        c.take();
        c.send(publish("a/b/c/d", "x", QoS.AT_LEAST_ONCE, 1));
        assertThat(c.take()).containsExactly(new PubAck(1, ReasonCode.TOPIC_NAME_INVALID));
        c.send(sub(2, "a/b/c", "a/b/c/#"));
        assertThat(c.take()).containsExactly(new SubAck(2, List.of(ReasonCode.GRANTED_QOS_2,
                ReasonCode.TOPIC_FILTER_INVALID)));
    }

    @Test
    void subscriptionsPerClient_quota0x97_resubscribeStillAllowed() {
        Harness h = new Harness(BrokerConfig.builder().maxSubscriptionsPerClient(2).build());
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        c.take();
        c.send(sub(1, "a", "b", "c"));
        assertThat(c.take()).containsExactly(new SubAck(1, List.of(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_2,
                ReasonCode.QUOTA_EXCEEDED)));
        c.send(sub(2, "a"));
        assertThat(c.take()).containsExactly(new SubAck(2, List.of(ReasonCode.GRANTED_QOS_2)));
    }

    @Test
    void sharedAndWildcardUnavailable_subAckReasonCodes() {
        Harness h = new Harness(BrokerConfig.builder().sharedSubscriptionsAvailable(false)
                .wildcardSubscriptionsAvailable(false).build());
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        ConnAck ack = (ConnAck) c.take().get(0);
        assertThat(ack.properties().sharedSubscriptionAvailable()).isFalse();
        assertThat(ack.properties().wildcardSubscriptionAvailable()).isFalse();
        c.send(sub(1, "$share/g/t", "a/+", "plain"));
        assertThat(c.take()).containsExactly(new SubAck(1, List.of(ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
                ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED, ReasonCode.GRANTED_QOS_2)));
    }

    @Test
    void subscriptionIdentifiersUnavailable_disconnect0xA1() {
        Harness h = new Harness(BrokerConfig.builder().subscriptionIdentifiersAvailable(false).build());
        Harness.Client c = h.client().send(connectV5("a", true, 0));
        c.take();
        c.send(new Subscribe(1, List.of(new Subscription(new TopicFilter("t"), QoS.AT_MOST_ONCE)), 7, List.of()));
        assertThat(((Disconnect) c.take().get(0)).reasonCode())
                .isEqualTo(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED);
    }
}
