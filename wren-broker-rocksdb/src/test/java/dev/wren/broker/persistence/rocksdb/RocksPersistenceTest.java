package dev.wren.broker.persistence.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.persistence.MessageStore;
import dev.wren.broker.persistence.QueuedDelivery;
import dev.wren.broker.persistence.StoredState;
import dev.wren.broker.session.Message;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.Will;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksPersistenceTest {
    private static final PublishProperties PROPS = new PublishProperties(true, 60, "text/plain", "re/ply",
            Binary.utf8("c"), List.of(new UserProperty("k", "v")));

    @TempDir
    Path dir;

    @Test
    void spi_fullQos2Flow_survivesRestartWithOneSharedMessage() {
        Message message = new Message("a/b", Binary.utf8("hi"), QoS.EXACTLY_ONCE, false, PROPS, "pub",
                System.currentTimeMillis() + 60_000);
        long disconnectedAt = System.currentTimeMillis();
        Will will = new Will("w", Binary.utf8("bye"), QoS.AT_LEAST_ONCE, false, 5, PublishProperties.NONE);
        try (RocksPersistence p = open()) {
            p.load();
            p.sessions().saveSession("s1", MqttVersion.V5, 3600, will).toCompletableFuture().join();
            p.sessions().saveSession("s2", MqttVersion.V3_1_1, 3600, null).toCompletableFuture().join();
            Subscription sub = new Subscription(new TopicFilter("a/+"), QoS.EXACTLY_ONCE);
            p.sessions().subscribe("s1", List.of(new dev.wren.broker.persistence.StoredSubscription(sub, 7)))
                    .toCompletableFuture().join();
            MessageStore.Stored stored = p.messages().stored(message, List.of(
                    new QueuedDelivery("s1", QoS.EXACTLY_ONCE, false, List.of(7)),
                    new QueuedDelivery("s2", QoS.AT_LEAST_ONCE, false, List.of())), "pub", 42);
            stored.durable().toCompletableFuture().join();
            long seq1 = stored.firstSeq();
            p.messages().sent("s1", seq1, 10);
            p.messages().released("s1", seq1).toCompletableFuture().join();
            p.sessions().disconnected("s1", disconnectedAt, 3600, will).toCompletableFuture().join();
        }
        try (RocksPersistence p = open()) {
            StoredState state = p.load();
            Map<String, StoredState.StoredSession> byId = state.sessions().stream()
                    .collect(Collectors.toMap(StoredState.StoredSession::clientId, Function.identity()));
            StoredState.StoredSession s1 = byId.get("s1");
            assertThat(s1.version()).isEqualTo(MqttVersion.V5);
            assertThat(s1.will()).isEqualTo(will);
            assertThat(s1.disconnectedAtMillis()).isEqualTo(disconnectedAt);
            assertThat(s1.subscriptions()).singleElement().satisfies(s -> assertThat(s.subscriptionId()).isEqualTo(7));
            StoredState.StoredDelivery d1 = s1.queue().getFirst();
            assertThat(d1.released()).isTrue();
            assertThat(d1.packetId()).isEqualTo(10);
            assertThat(d1.message()).isEqualTo(message);
            StoredState.StoredDelivery d2 = byId.get("s2").queue().getFirst();
            assertThat(d2.message()).isSameAs(d1.message());
            assertThat(byId.get("pub")).isNull();
            assertThat(byId.get("s2").version()).isEqualTo(MqttVersion.V3_1_1);

            p.messages().acked("s1", d1.seq()).toCompletableFuture().join();
            p.messages().acked("s2", d2.seq()).toCompletableFuture().join();
            assertThat(p.store().engine().lastKey(Table.MESSAGES)).isNull();
        }
    }

    /** Three QoS 1 deliveries to s1: the first sent with id 5, the second sent with id 6 and acknowledged, the third never sent. */
    private static long storeThreeQos1(RocksPersistence p) {
        p.load();
        p.sessions().saveSession("s1", MqttVersion.V5, 3600, null).toCompletableFuture().join();
        long first = 0;
        for (int i = 0; i < 3; i++) {
            Message m = new Message("a/b", Binary.utf8("m" + i), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE,
                    "pub", Long.MAX_VALUE);
            MessageStore.Stored stored = p.messages().stored(m,
                    List.of(new QueuedDelivery("s1", QoS.AT_LEAST_ONCE, false, List.of())), "pub", 0);
            stored.durable().toCompletableFuture().join();
            first = i == 0 ? stored.firstSeq() : first;
        }
        p.messages().sent("s1", first, 5).toCompletableFuture().join();
        p.messages().sent("s1", first + 1, 6).toCompletableFuture().join();
        p.messages().acked("s1", first + 1).toCompletableFuture().join();
        return first;
    }

    @Test
    void qos1Sent_notWritten_untilCleanClose_thenInFlightRestoredWithItsId_unsentKnownUnsent() {
        long first;
        try (RocksPersistence p = open()) {
            first = storeThreeQos1(p);
            // sending QoS 1 costs no write: the entry on disk is still QUEUED
            assertThat(p.store().queue("s1")).extracting(QueueEntry::state)
                    .containsExactly(QueueEntry.State.QUEUED, QueueEntry.State.QUEUED);
        }
        try (RocksPersistence p = open()) {
            assertThat(p.store().wasClosedCleanly()).isTrue();
            List<StoredState.StoredDelivery> queue = p.load().sessions().getFirst().queue();
            assertThat(queue).hasSize(2);
            // in flight at the clean close: resent with its id (and DUP=1) on resume
            assertThat(queue.get(0).seq()).isEqualTo(first);
            assertThat(queue.get(0).packetId()).isEqualTo(5);
            assertThat(queue.get(0).possiblySent()).isFalse();
            // never sent: first send with DUP=0 [MQTT-3.3.1-3]
            assertThat(queue.get(1).seq()).isEqualTo(first + 2);
            assertThat(queue.get(1).packetId()).isZero();
            assertThat(queue.get(1).possiblySent()).isFalse();
        }
        RocksPersistence crashing = open();
        // the marker is consumed on open: the next open sees a clean close only if there was one
        assertThat(crashing.store().wasClosedCleanly()).isTrue();
        crashing.store().close(); // as if the process died: no clean-shutdown marker
        try (RocksPersistence p = open()) {
            assertThat(p.store().wasClosedCleanly()).isFalse();
        }
    }

    @Test
    void qos1_afterUncleanStop_queuedEntriesPossiblySent_sentQos2KeepsItsId() {
        long first;
        long qos2Seq;
        RocksPersistence p1 = open();
        first = storeThreeQos1(p1);
        Message m = new Message("a/b", Binary.utf8("two"), QoS.EXACTLY_ONCE, false, PublishProperties.NONE,
                "pub", Long.MAX_VALUE);
        MessageStore.Stored stored = p1.messages().stored(m,
                List.of(new QueuedDelivery("s1", QoS.EXACTLY_ONCE, false, List.of())), "pub", 0);
        qos2Seq = stored.firstSeq();
        p1.messages().sent("s1", qos2Seq, 9).toCompletableFuture().join();
        p1.store().close(); // no clean close: as after kill -9
        try (RocksPersistence p = open()) {
            assertThat(p.store().wasClosedCleanly()).isFalse();
            List<StoredState.StoredDelivery> queue = p.load().sessions().getFirst().queue();
            assertThat(queue).extracting(StoredState.StoredDelivery::seq).containsExactly(first, first + 2, qos2Seq);
            // QoS 1: may have been sent before the crash, DUP=1 on the first send [MQTT-3.3.1-1]
            assertThat(queue.get(0).packetId()).isZero();
            assertThat(queue.get(0).possiblySent()).isTrue();
            assertThat(queue.get(1).possiblySent()).isTrue();
            // QoS 2: SENT is written, its packet id survives
            assertThat(queue.get(2).packetId()).isEqualTo(9);
            assertThat(queue.get(2).possiblySent()).isFalse();
        }
    }

    @Test
    void ackBeforeCommit_cancelsTheWrites_nothingLeftOnDisk_otherSubscriberKeepsTheMessage() {
        int n = 2000;
        long[] keptSeqs = new long[n];
        List<java.util.concurrent.CompletableFuture<Void>> durable = new java.util.ArrayList<>();
        long cancelled;
        try (RocksPersistence p = open()) {
            p.load();
            p.sessions().saveSession("fast", MqttVersion.V5, 3600, null).toCompletableFuture().join();
            p.sessions().saveSession("slow", MqttVersion.V5, 3600, null).toCompletableFuture().join();
            for (int i = 0; i < n; i++) {
                Message m = new Message("a/b", Binary.utf8("m" + i), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE,
                        "pub", Long.MAX_VALUE);
                // every other message also goes to "slow", who never acknowledges
                List<QueuedDelivery> to = i % 2 == 0
                        ? List.of(new QueuedDelivery("fast", QoS.AT_LEAST_ONCE, false, List.of()))
                        : List.of(new QueuedDelivery("fast", QoS.AT_LEAST_ONCE, false, List.of()),
                                new QueuedDelivery("slow", QoS.AT_LEAST_ONCE, false, List.of()));
                MessageStore.Stored stored = p.messages().stored(m, to, "pub", 0);
                durable.add(stored.durable().toCompletableFuture());
                p.messages().sent("fast", stored.firstSeq(), 1 + i % 60000);
                p.messages().acked("fast", stored.firstSeq()); // while the committer is busy with earlier groups
                keptSeqs[i] = i % 2 == 0 ? 0 : stored.firstSeq() + 1;
            }
            // every stored() still completes: the publisher's PUBACK waits for its group as before
            java.util.concurrent.CompletableFuture.allOf(durable.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .join();
            cancelled = p.stats().cancelledWrites();
        }
        assertThat(cancelled).as("puts cancelled by acknowledgements that came first").isPositive();
        try (RocksPersistence p = open()) {
            p.load();
            assertThat(p.store().queue("fast")).as("every delivery to fast was acknowledged").isEmpty();
            List<QueueEntry> slow = p.store().queue("slow");
            assertThat(slow).extracting(QueueEntry::seq)
                    .containsExactlyElementsOf(java.util.Arrays.stream(keptSeqs).filter(x -> x != 0).boxed().toList());
            for (QueueEntry e : slow) {
                assertThat(p.store().message(e.messageId())).as("message of a kept entry").isNotNull();
            }
            // messages only fast referenced are gone, whether their put was cancelled or deleted
            long messages = 0;
            for (long id = 1; id <= 2 * n; id++) {
                messages += p.store().message(id) != null ? 1 : 0;
            }
            assertThat(messages).isEqualTo(n / 2);
        }
    }

    @Test
    void cancellablePuts_forgottenOnceCommitted_evenIfNeverAcknowledged() {
        try (RocksPersistence p = open()) {
            p.load();
            p.sessions().saveSession("offline", MqttVersion.V5, 3600, null).toCompletableFuture().join();
            MessageStore.Stored last = null;
            for (int i = 0; i < 500; i++) {
                Message m = new Message("a/b", Binary.utf8("m" + i), QoS.AT_LEAST_ONCE, false, PublishProperties.NONE,
                        "pub", Long.MAX_VALUE);
                last = p.messages().stored(m, List.of(new QueuedDelivery("offline", QoS.AT_LEAST_ONCE, false,
                        List.of())), "pub", 0);
            }
            last.durable().toCompletableFuture().join();
            assertThat(((RocksMessageStore) p.messages()).sweepSealed()).isZero();
            assertThat(p.store().queue("offline")).hasSize(500);
        }
    }

    @Test
    void spi_inboundQos2Id_keptUntilPubrel() {
        Message message = new Message("t", Binary.utf8("x"), QoS.EXACTLY_ONCE, false, null, "pub", Long.MAX_VALUE);
        try (RocksPersistence p = open()) {
            p.load();
            p.sessions().saveSession("pub", MqttVersion.V5, 3600, null).toCompletableFuture().join();
            p.messages().stored(message, List.of(), "pub", 9).durable().toCompletableFuture().join();
        }
        try (RocksPersistence p = open()) {
            assertThat(p.load().sessions().getFirst().inboundQos2()).containsExactly(9);
            p.sessions().inboundReleased("pub", 9).toCompletableFuture().join();
        }
        try (RocksPersistence p = open()) {
            assertThat(p.load().sessions().getFirst().inboundQos2()).isEmpty();
        }
    }

    @Test
    void open_inboundIdOfPublisherWithoutSession_isSweptOnOpen() {
        Message message = new Message("t", Binary.utf8("x"), QoS.EXACTLY_ONCE, false, null, "p", Long.MAX_VALUE);
        try (RocksPersistence p = open()) {
            p.load();
            p.messages().stored(message, List.of(), "clean-publisher", 3).durable().toCompletableFuture().join();
        }
        try (RocksPersistence p = open()) {
            assertThat(p.recoveryReport().orphanClientKeys()).isEqualTo(1);
            assertThat(p.store().inbound("clean-publisher")).isEmpty();
        }
    }

    @Test
    void removeSession_beforeStoredIsDurable_leavesNoMessageBehind() {
        Message message = new Message("t", Binary.utf8("x"), QoS.AT_LEAST_ONCE, false, null, "pub", Long.MAX_VALUE);
        try (RocksPersistence p = open()) {
            p.load();
            p.sessions().saveSession("s", MqttVersion.V5, 3600, null);
            MessageStore.Stored stored = p.messages().stored(message,
                    List.of(new QueuedDelivery("s", QoS.AT_LEAST_ONCE, false, List.of())), "pub", 0);
            p.sessions().removeSession("s").toCompletableFuture().join();
            assertThat(stored.durable().toCompletableFuture()).isDone();
            assertThat(p.store().engine().lastKey(Table.MESSAGES)).isNull();
            assertThat(p.messages().acked("s", stored.firstSeq()).toCompletableFuture()).isDone();
        }
    }

    @Test
    void retain_roundTripsAndClears() {
        Message retained = new Message("r", Binary.utf8("v"), QoS.AT_LEAST_ONCE, true, PROPS, "pub", Long.MAX_VALUE);
        try (RocksPersistence p = open()) {
            p.load();
            p.retained().retain(retained).toCompletableFuture().join();
        }
        try (RocksPersistence p = open()) {
            assertThat(p.load().retained()).containsExactly(retained);
            p.retained().retain(new Message("r", Binary.EMPTY, QoS.AT_LEAST_ONCE, true, null, null, Long.MAX_VALUE))
                    .toCompletableFuture().join();
            assertThat(p.store().retained()).isEmpty();
        }
    }

    @Test
    void statistics_countCommitsFsyncsAndSize_andStayReadableAfterClose() {
        dev.wren.broker.persistence.StoreStatistics before;
        try (RocksPersistence p = open()) {
            p.load();
            for (int i = 0; i < 20; i++) {
                p.sessions().saveSession("s" + i, MqttVersion.V5, 3600, null).toCompletableFuture().join();
            }
            before = p.statistics();
            assertThat(before.commits()).isGreaterThanOrEqualTo(20);
            assertThat(before.fsyncs()).as("sync mode: every acknowledged write was fsynced").isPositive();
            assertThat(before.writes()).isBetween(1L, before.commits());
            assertThat(before.failures()).isZero();
            assertThat(before.diskBytes()).isPositive();
            assertThat(before.recovery()).isEqualTo(dev.wren.broker.persistence.StoreStatistics.Recovery.CLEAN);
            p.close();
            // A $SYS tick racing with shutdown must neither crash the JVM nor throw.
            assertThat(p.statistics().commits()).isGreaterThanOrEqualTo(before.commits());
        }
    }

    private RocksPersistence open() {
        return RocksPersistence.open(dir, Durability.SYNC, Duration.ofSeconds(1), false);
    }
}
