package dev.wren.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboundFlowTest {
    private final BrokerMetrics metrics = new BrokerMetrics();
    private final OutboundFlow flow = new OutboundFlow("c", new QueueLimits(3, 1_000, false), metrics, null);
    private final Link link = new Link();

    /** Records what the flow sends. */
    static final class Link implements SessionLink {
        final List<Object> sent = new ArrayList<>();
        boolean writable = true;
        int window = 2;

        @Override
        public boolean sendPublish(Publish publish) {
            sent.add(publish);
            return true;
        }

        @Override
        public void sendPubRel(int packetId) {
            sent.add("PUBREL " + packetId);
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public void flush() {
        }

        @Override
        public int outboundWindow() {
            return window;
        }

        @Override
        public void disconnect(ReasonCode reason, String why) {
        }

        @Override
        public void takenOver() {
        }

        @Override
        public dev.wren.codec.MqttVersion version() {
            return dev.wren.codec.MqttVersion.V5;
        }
    }

    private static Delivery d(String payload, QoS qos) {
        Message m = new Message("t", Binary.utf8(payload), qos, false, PublishProperties.NONE, "p", Long.MAX_VALUE);
        return new Delivery(m, qos, false, List.of(), null);
    }

    @Test
    void window_full_queues_thenAckDrainsInOrder() {
        assertThat(flow.offer(d("a", QoS.AT_LEAST_ONCE), link, 0)).isEqualTo(OutboundFlow.Offer.SENT);
        assertThat(flow.offer(d("b", QoS.AT_LEAST_ONCE), link, 0)).isEqualTo(OutboundFlow.Offer.SENT);
        assertThat(flow.offer(d("c", QoS.AT_LEAST_ONCE), link, 0)).isEqualTo(OutboundFlow.Offer.QUEUED);
        int first = ((Publish) link.sent.get(0)).packetId();
        assertThat(flow.onPubAck(first)).isTrue();
        flow.drain(link, 0);
        assertThat(link.sent).hasSize(3);
        assertThat(((Publish) link.sent.get(2)).payload().toUtf8String()).isEqualTo("c");
    }

    @Test
    void packetIds_uniqueWhileInFlight_acrossWrap() {
        link.window = 65535;
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 70_000; i++) {
            flow.offer(d("x", QoS.AT_LEAST_ONCE), link, 0);
            Publish p = (Publish) link.sent.get(link.sent.size() - 1);
            if (i < 65535) {
                assertThat(ids.add(p.packetId())).isTrue();
            }
            if (i >= 100) {
                flow.onPubAck(((Publish) link.sent.get(i - 100)).packetId()); // keep 100 in flight
            }
            if (i >= 65535) {
                break;
            }
        }
        assertThat(flow.inflightCount()).isLessThanOrEqualTo(101);
    }

    @Test
    void overflow_reported_andCounted() {
        link.writable = false;
        for (int i = 0; i < 3; i++) {
            assertThat(flow.offer(d("q" + i, QoS.AT_LEAST_ONCE), link, 0)).isEqualTo(OutboundFlow.Offer.QUEUED);
        }
        assertThat(flow.offer(d("q3", QoS.AT_LEAST_ONCE), link, 0)).isEqualTo(OutboundFlow.Offer.OVERFLOW);
        assertThat(metrics.get(Metric.DROPPED_QUEUE_FULL)).isEqualTo(1);
    }

    @Test
    void overflow_whileSocketDrains_dropsNewest_noDisconnect() {
        link.window = 1;
        flow.offer(d("inflight", QoS.AT_LEAST_ONCE), link, 0); // window full, socket writable
        for (int i = 0; i < 3; i++) {
            flow.offer(d("q" + i, QoS.AT_LEAST_ONCE), link, 0);
        }
        assertThat(flow.offer(d("q3", QoS.AT_LEAST_ONCE), link, 0)).isEqualTo(OutboundFlow.Offer.DROPPED);
        assertThat(metrics.get(Metric.DROPPED_QUEUE_FULL)).isEqualTo(1);
    }

    @Test
    void bytesLimit_applies() {
        OutboundFlow small = new OutboundFlow("c", new QueueLimits(100, 10, false), metrics, null);
        assertThat(small.offer(d("12345678", QoS.AT_LEAST_ONCE), null, 0)).isEqualTo(OutboundFlow.Offer.QUEUED);
        assertThat(small.offer(d("12345678", QoS.AT_LEAST_ONCE), null, 0)).isEqualTo(OutboundFlow.Offer.OVERFLOW);
    }

    @Test
    void inflightBytes_countAgainstByteLimit_releasedOnAck() {
        OutboundFlow small = new OutboundFlow("c", new QueueLimits(0, 15, false), metrics, null); // one message weighs 10
        link.window = 100;
        assertThat(small.offer(d("123456789", QoS.AT_LEAST_ONCE), link, 0)).isEqualTo(OutboundFlow.Offer.SENT);
        assertThat(small.offer(d("123456789", QoS.AT_LEAST_ONCE), link, 0)).isEqualTo(OutboundFlow.Offer.DROPPED);
        small.onPubAck(((Publish) link.sent.get(0)).packetId());
        assertThat(small.offer(d("123456789", QoS.AT_LEAST_ONCE), link, 0)).isEqualTo(OutboundFlow.Offer.SENT);
    }

    @Test
    void qos0_offline_notQueuedByDefault() {
        assertThat(flow.offer(d("z", QoS.AT_MOST_ONCE), null, 0)).isEqualTo(OutboundFlow.Offer.DROPPED);
        assertThat(flow.queuedCount()).isZero();
    }

    @Test
    void qos2_pubRecError_endsDelivery_successMovesToPubRel_resendSendsPubRel() {
        flow.offer(d("a", QoS.EXACTLY_ONCE), link, 0);
        flow.offer(d("b", QoS.EXACTLY_ONCE), link, 0);
        int a = ((Publish) link.sent.get(0)).packetId();
        int b = ((Publish) link.sent.get(1)).packetId();
        flow.onPubRec(a, ReasonCode.SUCCESS, link);
        flow.onPubRec(b, ReasonCode.UNSPECIFIED_ERROR, link);
        assertThat(flow.inflightCount()).isEqualTo(1);
        link.sent.clear();
        flow.resend(link, 0);
        assertThat(link.sent).containsExactly("PUBREL " + a);
        assertThat(flow.onPubAck(a)).as("PUBACK does not complete a QoS 2 delivery").isFalse();
        assertThat(flow.onPubComp(a)).isTrue();
    }

    @Test
    void expired_droppedOnDrain() {
        link.writable = false;
        Message m = new Message("t", Binary.utf8("e"), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE, "p", 1000);
        flow.offer(new Delivery(m, QoS.AT_LEAST_ONCE, false, List.of(), null), link, 0);
        link.writable = true;
        flow.drain(link, 2000);
        assertThat(link.sent).isEmpty();
        assertThat(metrics.get(Metric.DROPPED_EXPIRED)).isEqualTo(1);
    }
}
