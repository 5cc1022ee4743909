package dev.wren.broker.persistence.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import dev.wren.codec.TopicFilter;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Subscription;
import dev.wren.codec.packet.Will;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStoreTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void publish_toThreeSessions_storesMessageOnceAndDeletesItWithLastReference() {
        try (DurableStore store = open(T0)) {
            StoredMessage m = message(store, null);
            List<QueueEntry> entries = List.of(entry(store, "a", m), entry(store, "b", m), entry(store, "c", m));
            store.commit(store.stagePublish(new Batch(), m, entries)).join();
            assertThat(store.refCount(m.id())).isEqualTo(3);
            assertThat(store.message(m.id())).isEqualTo(m);

            store.commit(store.stageRemove(new Batch(), entries.get(0))).join();
            store.commit(store.stageRemove(new Batch(), entries.get(1))).join();
            assertThat(store.message(m.id())).isNotNull();
            store.commit(store.stageRemove(new Batch(), entries.get(2))).join();
            assertThat(store.message(m.id())).isNull();
            assertThat(store.queue("a")).isEmpty();
        }
    }

    @Test
    void reopen_rebuildsReferenceCountsAndCounters() {
        long id;
        try (DurableStore store = open(T0)) {
            session(store, "a");
            session(store, "b");
            StoredMessage m = message(store, null);
            id = m.id();
            QueueEntry a = entry(store, "a", m);
            store.commit(store.stagePublish(new Batch(), m, List.of(a, entry(store, "b", m)))).join();
            store.commit(store.stageUpdate(new Batch(), a, a.sent(7))).join();
        }
        try (DurableStore store = open(T0)) {
            assertThat(store.refCount(id)).isEqualTo(2);
            assertThat(store.nextMessageId()).isGreaterThan(id);
            assertThat(store.queue("a")).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(QueueEntry.State.SENT);
                assertThat(e.packetId()).isEqualTo(7);
            });
            assertThat(store.recoveryReport().queueEntries()).isEqualTo(2);
        }
    }

    @Test
    void release_qos2AfterPubrec_keepsMessageUntilPubcomp() {
        try (DurableStore store = open(T0)) {
            session(store, "a");
            StoredMessage m = message(store, null);
            QueueEntry sent = entry(store, "a", m).sent(5);
            store.commit(store.stagePublish(new Batch(), m, List.of(sent))).join();
            QueueEntry released = sent.released();
            store.commit(store.stageUpdate(new Batch(), sent, released)).join();
            assertThat(store.message(m.id())).isNotNull();
            assertThat(store.queue("a")).singleElement().satisfies(e -> {
                assertThat(e.packetId()).isEqualTo(5);
                assertThat(e.state()).isEqualTo(QueueEntry.State.RELEASED);
            });
            store.commit(store.stageRemove(new Batch(), released)).join();
            assertThat(store.message(m.id())).isNull();
        }
    }

    /** 3.1.3.2.2: the broker still owes the will of a session that ended while it was down. */
    @Test
    void open_afterSessionWithPendingWillExpired_keepsItForTheBrokerToPublishTheWill() {
        Will will = new Will("w", Binary.utf8("bye"), QoS.AT_LEAST_ONCE, false, 600,
                PublishProperties.NONE);
        try (DurableStore store = open(T0)) {
            store.commit(store.stageSession(new Batch(), new StoredSession("owes", 5, 60, T0, will))).join();
            store.commit(store.stageSession(new Batch(), new StoredSession("gone", 5, 60, T0, null))).join();
        }
        try (DurableStore store = open(T0 + 61_000)) {
            assertThat(store.recoveryReport().expiredSessions()).isEqualTo(1);
            assertThat(store.session("gone")).isNull();
            assertThat(store.session("owes").will()).isEqualTo(will);
        }
    }

    @Test
    void open_afterSessionExpired_removesSessionQueueAndOrphanedMessages() {
        try (DurableStore store = open(T0)) {
            store.commit(store.stageSession(new Batch(), new StoredSession("gone", 5, 60, T0, null))).join();
            session(store, "stays");
            Subscription sub = new Subscription(new TopicFilter("a/#"), QoS.AT_LEAST_ONCE);
            store.commit(store.stageSubscribe(new Batch(), new StoredSubscription("gone", sub, 0))).join();
            StoredMessage m = message(store, null);
            store.commit(store.stagePublish(new Batch(), m, List.of(entry(store, "gone", m)))).join();
            store.commit(store.stageInbound(new Batch(), "gone", 3)).join();
        }
        try (DurableStore store = open(T0 + 61_000)) {
            assertThat(store.recoveryReport().expiredSessions()).isEqualTo(1);
            assertThat(store.recoveryReport().orphanMessages()).isEqualTo(1);
            assertThat(store.sessions()).extracting(StoredSession::clientId).containsExactly("stays");
            assertThat(store.subscriptions("gone")).isEmpty();
            assertThat(store.queue("gone")).isEmpty();
            assertThat(store.inbound("gone")).isEmpty();
        }
    }

    @Test
    void open_afterCrashWhileConnected_startsExpiryAtOpen() {
        try (DurableStore store = open(T0)) {
            store.commit(store.stageSession(new Batch(), new StoredSession("c", 5, 60, -1, null))).join();
        }
        try (DurableStore store = open(T0 + 3_600_000)) {
            assertThat(store.session("c").disconnectedAtMillis()).isEqualTo(T0 + 3_600_000);
        }
    }

    @Test
    void open_afterMessageExpired_dropsQueuedEntryButKeepsInFlightOne() {
        long id;
        try (DurableStore store = open(T0)) {
            session(store, "a");
            StoredMessage m = message(store, new PublishProperties(false, 10, null, null, null, List.of()));
            id = m.id();
            QueueEntry queued = entry(store, "a", m);
            QueueEntry inFlight = entry(store, "a", m).sent(1);
            store.commit(store.stagePublish(new Batch(), m, List.of(queued, inFlight))).join();
        }
        try (DurableStore store = open(T0 + 11_000)) {
            assertThat(store.recoveryReport().droppedQueueEntries()).isEqualTo(1);
            assertThat(store.queue("a")).singleElement().extracting(QueueEntry::state).isEqualTo(QueueEntry.State.SENT);
            assertThat(store.refCount(id)).isEqualTo(1);
        }
    }

    @Test
    void removeSession_releasesItsReferencesOnly() {
        try (DurableStore store = open(T0)) {
            session(store, "a");
            session(store, "b");
            StoredMessage shared = message(store, null);
            StoredMessage onlyA = message(store, null);
            store.commit(store.stagePublish(new Batch(), shared, List.of(entry(store, "a", shared),
                    entry(store, "b", shared)))).join();
            store.commit(store.stagePublish(new Batch(), onlyA, List.of(entry(store, "a", onlyA)))).join();
            store.commit(store.stageRemoveSession(new Batch(), "a", store.queue("a"))).join();
            assertThat(store.message(shared.id())).isNotNull();
            assertThat(store.message(onlyA.id())).isNull();
            assertThat(store.session("a")).isNull();
            assertThat(store.queue("b")).hasSize(1);
        }
    }

    @Test
    void queuePage_pagesInSeqOrderWithoutCrossingIntoAnotherClient() {
        try (DurableStore store = open(T0)) {
            session(store, "a");
            session(store, "ab");
            StoredMessage m = message(store, null);
            List<QueueEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                entries.add(entry(store, "a", m));
            }
            entries.add(entry(store, "ab", m));
            store.commit(store.stagePublish(new Batch(), m, entries)).join();
            List<QueueEntry> first = store.queuePage("a", 0, 4);
            assertThat(first).extracting(QueueEntry::seq).containsExactly(1L, 2L, 3L, 4L);
            List<QueueEntry> rest = store.queuePage("a", first.getLast().seq() + 1, 100);
            assertThat(rest).hasSize(6).allSatisfy(e -> assertThat(e.clientId()).isEqualTo("a"));
        }
    }

    @Test
    void retain_emptyPayloadClearsTopic() {
        try (DurableStore store = open(T0)) {
            StoredMessage m = StoredMessage.arrived(0, "r/1", Binary.utf8("v"), QoS.AT_LEAST_ONCE, true, null, null, T0);
            store.commit(store.stageRetain(new Batch(), m)).join();
            assertThat(store.retained()).containsExactly(m);
            StoredMessage clear = StoredMessage.arrived(0, "r/1", Binary.EMPTY, QoS.AT_LEAST_ONCE, true, null, null, T0);
            store.commit(store.stageRetain(new Batch(), clear)).join();
            assertThat(store.retained()).isEmpty();
        }
    }

    @Test
    void open_afterRetainedMessageExpired_removesIt() {
        PublishProperties tenSeconds = new PublishProperties(false, 10, null, null, null, List.of());
        try (DurableStore store = open(T0)) {
            store.commit(store.stageRetain(new Batch(), StoredMessage.arrived(0, "r/1", Binary.utf8("v"),
                    QoS.AT_LEAST_ONCE, true, tenSeconds, null, T0))).join();
            store.commit(store.stageRetain(new Batch(), StoredMessage.arrived(0, "r/2", Binary.utf8("v"),
                    QoS.AT_LEAST_ONCE, true, null, null, T0))).join();
        }
        try (DurableStore store = open(T0 + 10_000)) {
            assertThat(store.retained()).extracting(StoredMessage::topic).containsExactly("r/2");
        }
    }

    private DurableStore open(long nowMillis) {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC);
        return DurableStore.open(StoreConfig.defaults(dir).withClock(clock));
    }

    private static void session(DurableStore store, String clientId) {
        store.commit(store.stageSession(new Batch(), new StoredSession(clientId, 5, 3600, T0, null))).join();
    }

    private static StoredMessage message(DurableStore store, PublishProperties props) {
        return StoredMessage.arrived(store.nextMessageId(), "t/1", Binary.utf8("hello"), QoS.EXACTLY_ONCE, false,
                props, "pub", T0);
    }

    private static QueueEntry entry(DurableStore store, String clientId, StoredMessage m) {
        return QueueEntry.queued(clientId, store.nextSeq(), m.id(), QoS.AT_LEAST_ONCE, false, List.of(), null);
    }
}
