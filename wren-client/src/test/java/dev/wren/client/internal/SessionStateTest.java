package dev.wren.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.client.ClientOptions;
import dev.wren.client.ConnectionEvent;
import dev.wren.client.InMemoryOutboundStore;
import dev.wren.client.Message;
import dev.wren.client.MqttClientException;
import dev.wren.client.OfflinePolicy;
import dev.wren.client.PublishResult;
import dev.wren.client.SubscribeResult;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.SubAck;
import dev.wren.codec.packet.Subscribe;
import dev.wren.codec.packet.Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SessionStateTest {
    private final InMemoryOutboundStore store = new InMemoryOutboundStore();
    private final RecordingOutput out = new RecordingOutput();
    private final List<ConnectionEvent> events = new java.util.ArrayList<>();

    private SessionState session(int bufferSize, OfflinePolicy policy) {
        ClientOptions options = ClientOptions.builder().clientId("c").offlineBuffer(bufferSize, policy).build();
        return new SessionState(options, store, events::add);
    }

    private static ConnAck connAck(boolean sessionPresent, int receiveMaximum, int topicAliasMaximum) {
        ConnAckProperties p = new ConnAckProperties(-1, receiveMaximum, 2, true, 0, null, topicAliasMaximum, null,
                List.of(), true, true, true, -1, null, null, null, null);
        return new ConnAck(sessionPresent, ReasonCode.SUCCESS, p);
    }

    private static Message msg(String topic, QoS qos) {
        return Message.of(topic, "x").withQos(qos);
    }

    @Test
    void publish_qos1_completesOnPubAck() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        CompletableFuture<PublishResult> f = s.publish(msg("a", QoS.AT_LEAST_ONCE));
        Publish sent = (Publish) out.take().get(0);
        assertThat(sent.packetId()).isEqualTo(1);
        assertThat(f).isNotDone();
        s.onPacket(new PubAck(1));
        assertThat(f).isCompletedWithValueMatching(r -> r.reasonCode() == ReasonCode.SUCCESS);
        assertThat(store.size()).isZero();
    }

    @Test
    void publish_qos2_sendsPubRelThenCompletesOnPubComp() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        CompletableFuture<PublishResult> f = s.publish(msg("a", QoS.EXACTLY_ONCE));
        out.take();
        s.onPacket(new PubRec(1));
        assertThat(out.take()).containsExactly(new PubRel(1));
        assertThat(f).isNotDone();
        s.onPacket(new PubComp(1));
        assertThat(f).isCompleted();
    }

    @Test
    void publish_errorReasonCode_failsWithReasonCode() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        CompletableFuture<PublishResult> f = s.publish(msg("a", QoS.AT_LEAST_ONCE));
        s.onPacket(new PubAck(1, ReasonCode.NOT_AUTHORIZED, "no", List.of()));
        assertThat(f).isCompletedExceptionally();
        MqttClientException e = (MqttClientException) f.exceptionNow();
        assertThat(e.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(e.getMessage()).contains("0x87").contains("no");
    }

    @Test
    void publish_receiveMaximumReached_waitsForAck() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 2, 0));
        s.publish(msg("a", QoS.AT_LEAST_ONCE));
        s.publish(msg("b", QoS.AT_LEAST_ONCE));
        CompletableFuture<PublishResult> third = s.publish(msg("c", QoS.AT_LEAST_ONCE));
        assertThat(out.take()).hasSize(2);
        s.onPacket(new PubAck(1));
        List<MqttPacket> next = out.take();
        assertThat(next).hasSize(1);
        assertThat(((Publish) next.get(0)).topic()).isEqualTo("c");
        s.onPacket(new PubAck(((Publish) next.get(0)).packetId()));
        assertThat(third).isCompleted();
    }

    @Test
    void reconnect_sessionPresent_retransmitsWithDupAndPubRel() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        s.publish(msg("one", QoS.AT_LEAST_ONCE));
        s.publish(msg("two", QoS.EXACTLY_ONCE));
        s.onPacket(new PubRec(2));
        out.take();
        s.onDisconnected();
        s.onConnected(out, connAck(true, 10, 0));
        List<MqttPacket> again = out.take();
        assertThat(again).hasSize(2);
        Publish p = (Publish) again.get(0);
        assertThat(p.dup()).isTrue();
        assertThat(p.packetId()).isEqualTo(1);
        assertThat(p.topic()).isEqualTo("one");
        assertThat(again.get(1)).isEqualTo(new PubRel(2));
    }

    @Test
    void reconnect_sessionLost_resendsAsNewAndCompletesReleased() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        CompletableFuture<PublishResult> one = s.publish(msg("one", QoS.AT_LEAST_ONCE));
        CompletableFuture<PublishResult> two = s.publish(msg("two", QoS.EXACTLY_ONCE));
        s.onPacket(new PubRec(2));
        out.take();
        s.onDisconnected();
        s.onConnected(out, connAck(false, 10, 0));
        assertThat(two).isCompleted();
        List<MqttPacket> again = out.take();
        assertThat(again).hasSize(1);
        Publish p = (Publish) again.get(0);
        assertThat(p.dup()).isFalse();
        assertThat(p.topic()).isEqualTo("one");
        s.onPacket(new PubAck(p.packetId()));
        assertThat(one).isCompleted();
    }

    @Test
    void publish_offline_isBufferedAndSentOnConnect() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        CompletableFuture<PublishResult> f = s.publish(msg("a", QoS.AT_MOST_ONCE));
        assertThat(f).isNotDone();
        s.onConnected(out, connAck(false, 10, 0));
        assertThat(out.take()).hasSize(1);
        assertThat(f).isCompleted();
    }

    @Test
    void publish_bufferFullRejectNew_failsNewMessage() {
        SessionState s = session(1, OfflinePolicy.REJECT_NEW);
        CompletableFuture<PublishResult> first = s.publish(msg("a", QoS.AT_LEAST_ONCE));
        CompletableFuture<PublishResult> second = s.publish(msg("b", QoS.AT_LEAST_ONCE));
        assertThat(first).isNotDone();
        assertThat(second).isCompletedExceptionally();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void publish_bufferFullDropOldest_failsOldestMessage() {
        SessionState s = session(1, OfflinePolicy.DROP_OLDEST);
        CompletableFuture<PublishResult> first = s.publish(msg("a", QoS.AT_LEAST_ONCE));
        CompletableFuture<PublishResult> second = s.publish(msg("b", QoS.AT_LEAST_ONCE));
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isNotDone();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void publish_topicAliases_secondPublishSendsAliasOnly() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 5));
        s.publish(msg("long/topic", QoS.AT_MOST_ONCE));
        s.publish(msg("long/topic", QoS.AT_MOST_ONCE));
        List<MqttPacket> sent = out.take();
        Publish first = (Publish) sent.get(0);
        Publish second = (Publish) sent.get(1);
        assertThat(first.topic()).isEqualTo("long/topic");
        assertThat(first.topicAlias()).isEqualTo(1);
        assertThat(second.topic()).isEmpty();
        assertThat(second.topicAlias()).isEqualTo(1);
    }

    @Test
    void publish_connectionNotWritable_waitsInBoundedBufferUntilWritable() {
        SessionState s = session(2, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        out.writable = false;
        CompletableFuture<PublishResult> a = s.publish(msg("a", QoS.AT_MOST_ONCE));
        CompletableFuture<PublishResult> b = s.publish(msg("b", QoS.AT_MOST_ONCE));
        CompletableFuture<PublishResult> c = s.publish(msg("c", QoS.AT_MOST_ONCE));
        assertThat(out.sent).isEmpty();
        assertThat(c).isCompletedExceptionally();
        out.writable = true;
        s.onWritable();
        assertThat(out.take()).hasSize(2);
        assertThat(a).isCompleted();
        assertThat(b).isCompleted();
    }

    @Test
    void publish_invalidTopic_failsWithoutSending() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        assertThat(s.publish(msg("a/+", QoS.AT_MOST_ONCE))).isCompletedExceptionally();
        assertThat(out.sent).isEmpty();
    }

    @Test
    void inbound_qos2Duplicate_deliveredOnce() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        Publish p = new Publish("t", Binary.utf8("x"), QoS.EXACTLY_ONCE, false, 7);
        s.onPacket(p);
        s.onPacket(p.withDup(true));
        assertThat(out.delivered).hasSize(1);
        assertThat(out.take()).containsExactly(new PubRec(7), new PubRec(7));
        s.onPacket(new PubRel(7));
        assertThat(out.take()).containsExactly(new PubComp(7));
    }

    @Test
    void inbound_qos1_deliversAndAcks() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        s.onPacket(new Publish("t", Binary.utf8("x"), QoS.AT_LEAST_ONCE, false, 3));
        assertThat(out.delivered).extracting(Message::payloadAsString).containsExactly("x");
        assertThat(out.take()).containsExactly(new PubAck(3));
    }

    @Test
    void inbound_topicAlias_resolvedAndUnknownRejected() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        s.onPacket(new Publish("a/b", Binary.EMPTY, QoS.AT_MOST_ONCE, false, false, 0, PublishProperties.NONE, 2, List.of()));
        s.onPacket(new Publish("", Binary.EMPTY, QoS.AT_MOST_ONCE, false, false, 0, PublishProperties.NONE, 2, List.of()));
        assertThat(out.delivered).extracting(Message::topic).containsExactly("a/b", "a/b");
        s.onPacket(new Publish("", Binary.EMPTY, QoS.AT_MOST_ONCE, false, false, 0, PublishProperties.NONE, 3, List.of()));
        assertThat(out.violation).isEqualTo(ReasonCode.TOPIC_ALIAS_INVALID);
    }

    @Test
    void subscribe_sessionLost_resubscribesGrantedFilters() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        Subscription sub = new Subscription(new TopicFilter("a/#"), QoS.AT_LEAST_ONCE);
        CompletableFuture<SubscribeResult> f = s.subscribe(List.of(sub), 0, List.of());
        Subscribe sent = (Subscribe) out.take().get(0);
        s.onPacket(new SubAck(sent.packetId(), List.of(ReasonCode.GRANTED_QOS_1)));
        assertThat(f).isCompletedWithValueMatching(SubscribeResult::allGranted);
        s.onDisconnected();
        s.onConnected(out, connAck(true, 10, 0));
        assertThat(out.take()).isEmpty();
        s.onDisconnected();
        s.onConnected(out, connAck(false, 10, 0));
        assertThat(out.take()).singleElement()
                .isInstanceOfSatisfying(Subscribe.class, again -> assertThat(again.subscriptions()).containsExactly(sub));
    }

    /** A subscription the server refuses to restore is reported and forgotten, not retried silently forever. */
    @Test
    void subscribe_resubscribeRefused_reportedAsEventAndForgotten() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        Subscription sub = new Subscription(new TopicFilter("a/#"), QoS.AT_LEAST_ONCE);
        s.subscribe(List.of(sub), 0, List.of());
        Subscribe sent = (Subscribe) out.take().get(0);
        s.onPacket(new SubAck(sent.packetId(), List.of(ReasonCode.GRANTED_QOS_1)));
        s.onDisconnected();
        s.onConnected(out, connAck(false, 10, 0));
        Subscribe again = (Subscribe) out.take().get(0);
        s.onPacket(new SubAck(again.packetId(), List.of(ReasonCode.NOT_AUTHORIZED)));
        assertThat(events).containsExactly(new ConnectionEvent.ResubscribeFailed("a/#", ReasonCode.NOT_AUTHORIZED));
        s.onDisconnected();
        s.onConnected(out, connAck(false, 10, 0));
        assertThat(out.take()).as("no longer counted as subscribed").isEmpty();
    }

    @Test
    void subscribe_answerLostWithConnection_isSentAgain() {
        SessionState s = session(10, OfflinePolicy.REJECT_NEW);
        s.onConnected(out, connAck(false, 10, 0));
        CompletableFuture<SubscribeResult> f =
                s.subscribe(List.of(new Subscription(new TopicFilter("x"), QoS.AT_MOST_ONCE)), 0, List.of());
        out.take();
        s.onDisconnected();
        s.onConnected(out, connAck(true, 10, 0));
        Subscribe again = (Subscribe) out.take().get(0);
        s.onPacket(new SubAck(again.packetId(), List.of(ReasonCode.GRANTED_QOS_0)));
        assertThat(f).isCompleted();
    }
}
