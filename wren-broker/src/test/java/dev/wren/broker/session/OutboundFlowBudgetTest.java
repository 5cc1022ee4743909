package dev.wren.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.QueuedDelivery;
import dev.wren.broker.persistence.StoredState.StoredDelivery;
import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.Publish;
import dev.wren.codec.packet.PublishProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The broker-wide memory budget in {@link OutboundFlow}: accounting, drops without a store, spill and page-back. */
class OutboundFlowBudgetTest {
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private final BrokerMetrics metrics = new BrokerMetrics();
    private final OutboundFlowTest.Link link = new OutboundFlowTest.Link();

    /** A store of one client's queue entries that pages them back like the RocksDB one. */
    static final class PagingStore implements MessageStore {
        final TreeMap<Long, StoredDelivery> entries = new TreeMap<>();
        final List<Long> dropped = new ArrayList<>();
        int pageReads;

        void put(Delivery d) {
            entries.put(d.seq(), new StoredDelivery(d.seq(), d.message(), d.qos(), d.retain(), d.subscriptionIds(), 0,
                    false, false));
        }

        @Override
        public Stored stored(Message message, List<QueuedDelivery> deliveries, String publisher, int id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> sent(String clientId, long seq, int packetId) {
            StoredDelivery e = entries.get(seq);
            if (e == null) {
                return DONE;
            }
            entries.put(seq, new StoredDelivery(seq, e.message(), e.qos(), e.retain(), e.subscriptionIds(), packetId,
                    false, false));
            return DONE;
        }

        @Override
        public CompletionStage<Void> acked(String clientId, long seq) {
            entries.remove(seq);
            return DONE;
        }

        @Override
        public CompletionStage<Void> released(String clientId, long seq) {
            return DONE;
        }

        @Override
        public CompletionStage<Void> dropped(String clientId, long seq) {
            entries.remove(seq);
            dropped.add(seq);
            return DONE;
        }

        @Override
        public boolean pagesQueues() {
            return true;
        }

        @Override
        public List<StoredDelivery> queuePage(String clientId, long fromSeq, int limit) {
            pageReads++;
            return entries.tailMap(fromSeq, true).values().stream().filter(e -> e.packetId() == 0).limit(limit)
                    .toList();
        }
    }

    private static Delivery d(String payload, QoS qos, long seq, long expiresAt) {
        Message m = new Message("t", Binary.utf8(payload), qos, false, PublishProperties.NONE, "p", expiresAt);
        return new Delivery(m, qos, false, List.of(), null, seq);
    }

    private static List<String> payloads(List<Object> sent) {
        return sent.stream().filter(p -> p instanceof Publish).map(p -> ((Publish) p).payload().toUtf8String())
                .toList();
    }

    @Test
    void heldBytes_followQueueAndInflight_andReturnToZero() {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        OutboundFlow flow = new OutboundFlow("c", new QueueLimits(100, 1 << 20, false).withBudget(budget), metrics,
                null);
        link.window = 2;
        for (int i = 0; i < 5; i++) {
            flow.offer(d("m" + i, QoS.AT_LEAST_ONCE, 0, Long.MAX_VALUE), link, 0);
        }
        long one = MemoryBudget.cost(d("m0", QoS.AT_LEAST_ONCE, 0, Long.MAX_VALUE).message());
        assertThat(flow.budgetHeld()).isEqualTo(5 * one); // 2 in flight + 3 queued
        assertThat(budget.used()).isBetween(5 * one, 5 * one + budget.slack(1));
        for (Object p : new ArrayList<>(link.sent)) {
            flow.onPubAck(((Publish) p).packetId());
        }
        flow.drain(link, 0);
        assertThat(flow.budgetHeld()).isEqualTo(3 * one);
        flow.clear();
        assertThat(flow.budgetHeld()).isZero();
        assertThat(budget.used()).isLessThanOrEqualTo(budget.slack(1));
    }

    @Test
    void qos2_releasedOnPubRec_notTwiceOnPubComp() {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        OutboundFlow flow = new OutboundFlow("c", new QueueLimits(100, 1 << 20, false).withBudget(budget), metrics,
                null);
        flow.offer(d("x", QoS.EXACTLY_ONCE, 0, Long.MAX_VALUE), link, 0);
        int id = ((Publish) link.sent.get(0)).packetId();
        assertThat(flow.budgetHeld()).isPositive();
        flow.onPubRec(id, ReasonCode.SUCCESS, link);
        assertThat(flow.budgetHeld()).isZero();
        flow.onPubComp(id);
        assertThat(flow.budgetHeld()).isZero();
    }

    @Test
    void noStore_offlineQos0PastTheBudget_droppedAndCounted_qos1Kept() {
        MemoryBudget budget = new MemoryBudget(1_000);
        OutboundFlow flow = new OutboundFlow("c", new QueueLimits(100, 1 << 20, true).withBudget(budget), metrics,
                null);
        for (int i = 0; i < 20; i++) {
            flow.offer(d("0123456789", QoS.AT_MOST_ONCE, 0, Long.MAX_VALUE), null, 0);
        }
        assertThat(metrics.get(Metric.DROPPED_MEMORY_BUDGET)).isPositive();
        assertThat(flow.budgetHeld()).isLessThanOrEqualTo(1_000);
        int before = flow.queuedCount();
        flow.offer(d("q1", QoS.AT_LEAST_ONCE, 0, Long.MAX_VALUE), null, 0);
        assertThat(flow.queuedCount()).isEqualTo(before + 1); // acknowledged already: kept, within the session's limits
    }

    @Test
    void offlinePastTheBudget_spills_thenPagesBackInOrder_withinTheWindow() {
        PagingStore store = new PagingStore();
        MemoryBudget budget = new MemoryBudget(2_000);
        OutboundFlow flow = new OutboundFlow("c", new QueueLimits(1_000, 1 << 20, false).withBudget(budget), metrics,
                store);
        for (int seq = 1; seq <= 200; seq++) {
            Delivery delivery = d("m" + seq, seq % 2 == 0 ? QoS.EXACTLY_ONCE : QoS.AT_LEAST_ONCE, seq, Long.MAX_VALUE);
            store.put(delivery);
            flow.offer(delivery, null, 0);
            assertThat(flow.budgetHeld()).isLessThanOrEqualTo(2_000);
        }
        assertThat(flow.spilledCount()).isPositive();
        assertThat(flow.spilledCount() + flow.queuedCount()).isEqualTo(200);
        assertThat(metrics.get(Metric.QUEUES_SPILLED)).isEqualTo(1);
        assertThat(metrics.get(Metric.SPILLED_DELIVERIES)).isEqualTo(flow.spilledCount());

        link.window = 10;
        flow.drain(link, 0);
        assertThat(payloads(link.sent)).hasSize(10);
        assertThat(flow.budgetHeld()).isLessThanOrEqualTo(10 * 100L);
        List<String> got = new ArrayList<>();
        while (got.size() < 200) {
            List<Object> batch = new ArrayList<>(link.sent);
            link.sent.clear();
            assertThat(batch).isNotEmpty();
            for (Object p : batch) {
                Publish pub = (Publish) p;
                got.add(pub.payload().toUtf8String());
                if (pub.qos() == QoS.AT_LEAST_ONCE) {
                    flow.onPubAck(pub.packetId());
                } else {
                    flow.onPubRec(pub.packetId(), ReasonCode.SUCCESS, link);
                    link.sent.remove("PUBREL " + pub.packetId());
                    flow.onPubComp(pub.packetId());
                }
            }
            flow.drain(link, 0);
        }
        List<String> expected = new ArrayList<>();
        for (int seq = 1; seq <= 200; seq++) {
            expected.add("m" + seq);
        }
        assertThat(got).isEqualTo(expected); // in order, each once
        assertThat(flow.spilledCount()).isZero();
        assertThat(store.entries).isEmpty();
        assertThat(metrics.get(Metric.SPILLED_DELIVERIES)).isZero();
        assertThat(metrics.get(Metric.DELIVERIES_PAGED_IN)).isPositive();
        assertThat(flow.budgetHeld()).isZero();

        // all paged back: a new stored delivery is sent directly again
        Delivery next = d("after", QoS.AT_LEAST_ONCE, 500, Long.MAX_VALUE);
        store.put(next);
        assertThat(flow.offer(next, link, 0)).isEqualTo(OutboundFlow.Offer.SENT);
    }

    @Test
    void pagedBack_expiredDropped_lateArrivalsAndMissingEntriesWaitedFor() {
        PagingStore store = new PagingStore();
        MemoryBudget budget = new MemoryBudget(300);
        OutboundFlow flow = new OutboundFlow("c", new QueueLimits(1_000, 1 << 20, false).withBudget(budget), metrics,
                store);
        int[] retries = {0};
        flow.retryPagingWith(() -> retries[0]++);
        for (int seq = 1; seq <= 10; seq++) {
            Delivery delivery = d("m" + seq, QoS.AT_LEAST_ONCE, seq, seq == 3 ? 1_000 : Long.MAX_VALUE);
            if (seq != 7) {
                store.put(delivery); // 7's write has not completed yet
            }
            flow.offer(delivery, null, 0);
        }
        assertThat(flow.spilledCount()).isEqualTo(10);
        link.window = 100;
        flow.drain(link, 2_000); // 3 expired meanwhile
        assertThat(payloads(link.sent)).containsExactly("m1", "m2", "m4", "m5", "m6");
        assertThat(metrics.get(Metric.DROPPED_EXPIRED)).isEqualTo(1);
        assertThat(store.dropped).containsExactly(3L);
        assertThat(retries[0]).isEqualTo(1);

        store.put(d("m7", QoS.AT_LEAST_ONCE, 7, Long.MAX_VALUE)); // its write completed
        flow.drain(link, 2_100);
        assertThat(payloads(link.sent)).endsWith("m7", "m8", "m9", "m10");
    }

    @Test
    void spilledDeliveryWhoseWriteNeverCompletes_givenUpAfterAWhile_counted() {
        PagingStore store = new PagingStore();
        OutboundFlow flow = new OutboundFlow("c", new QueueLimits(1_000, 1 << 20, false).withBudget(new MemoryBudget(1)),
                metrics, store);
        for (int seq = 1; seq <= 3; seq++) {
            Delivery delivery = d("m" + seq, QoS.AT_LEAST_ONCE, seq, Long.MAX_VALUE);
            if (seq != 2) {
                store.put(delivery);
            }
            flow.offer(delivery, null, 0);
        }
        link.window = 10;
        flow.drain(link, 1_000);
        assertThat(payloads(link.sent)).containsExactly("m1");
        flow.drain(link, 1_000 + OutboundFlow.MISSING_GIVE_UP_MILLIS / 2);
        assertThat(payloads(link.sent)).containsExactly("m1");
        flow.drain(link, 1_000 + OutboundFlow.MISSING_GIVE_UP_MILLIS);
        assertThat(metrics.get(Metric.DROPPED_SPILLED_MISSING)).isEqualTo(1);
        assertThat(store.dropped).containsExactly(2L);
        assertThat(payloads(link.sent)).containsExactly("m1", "m3");
    }

    @Test
    void spilledCountsAgainstMaxMessages() {
        PagingStore store = new PagingStore();
        OutboundFlow flow = new OutboundFlow("c", new QueueLimits(5, 1 << 20, false).withBudget(new MemoryBudget(1)),
                metrics, store);
        for (int seq = 1; seq <= 8; seq++) {
            Delivery delivery = d("m" + seq, QoS.AT_LEAST_ONCE, seq, Long.MAX_VALUE);
            store.put(delivery);
            flow.offer(delivery, null, 0);
        }
        assertThat(flow.spilledCount()).isEqualTo(5);
        assertThat(metrics.get(Metric.DROPPED_QUEUE_FULL)).isEqualTo(3);
        assertThat(store.dropped).containsExactly(6L, 7L, 8L);
    }

    /** A QoS 1 delivery that may have gone out before a crash keeps DUP=1 when it comes back from a spill [MQTT-3.3.1-1]. */
    @Test
    void restoredPossiblySent_spilled_pagedBackWithDup() {
        PagingStore store = new PagingStore();
        OutboundFlow flow = new OutboundFlow("c", new QueueLimits(1_000, 1 << 20, false).withBudget(new MemoryBudget(1)),
                metrics, store);
        List<StoredDelivery> stored = new ArrayList<>();
        for (int seq = 1; seq <= 4; seq++) {
            Delivery delivery = d("m" + seq, QoS.AT_LEAST_ONCE, seq, Long.MAX_VALUE);
            store.put(delivery);
            stored.add(new StoredDelivery(seq, delivery.message(), QoS.AT_LEAST_ONCE, false, List.of(), 0, false,
                    seq <= 2));
        }
        flow.restore(stored);
        assertThat(flow.spilledCount()).isEqualTo(4);
        link.window = 10;
        flow.drain(link, 0);
        assertThat(link.sent).extracting(p -> ((Publish) p).dup()).containsExactly(true, true, false, false);
    }

    @Test
    void restore_pastTheBudget_keepsOnlySequenceNumbers() {
        PagingStore store = new PagingStore();
        MemoryBudget budget = new MemoryBudget(500);
        OutboundFlow flow = new OutboundFlow("c", new QueueLimits(1_000, 1 << 20, false).withBudget(budget), metrics,
                store);
        List<StoredDelivery> stored = new ArrayList<>();
        for (int seq = 1; seq <= 50; seq++) {
            Delivery delivery = d("m" + seq, QoS.AT_LEAST_ONCE, seq, Long.MAX_VALUE);
            store.put(delivery);
            stored.add(store.entries.get((long) seq));
        }
        flow.restore(stored);
        assertThat(flow.budgetHeld()).isLessThanOrEqualTo(500);
        assertThat(flow.queuedCount() + flow.spilledCount()).isEqualTo(50);
        link.window = 1000;
        flow.drain(link, 0);
        while (flow.spilledCount() > 0 || flow.queuedCount() > 0) {
            flow.drain(link, 0);
        }
        List<String> expected = new ArrayList<>();
        for (int seq = 1; seq <= 50; seq++) {
            expected.add("m" + seq);
        }
        assertThat(payloads(link.sent)).isEqualTo(expected);
    }
}
