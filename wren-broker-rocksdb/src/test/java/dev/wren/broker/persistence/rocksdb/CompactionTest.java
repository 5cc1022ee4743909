package dev.wren.broker.persistence.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.Binary;
import dev.wren.codec.QoS;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
    @TempDir
    Path dir;

    @Test
    void compact_afterSteadyQueueChurn_leavesNoMessagesOrEntriesBehind() {
        try (DurableStore store = DurableStore.open(StoreConfig.defaults(dir))) {
            store.commit(store.stageSession(new Batch(), new StoredSession("c", 5, 3600, -1, null))).join();
            for (int round = 0; round < 20; round++) {
                List<QueueEntry> entries = new ArrayList<>();
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    StoredMessage m = StoredMessage.arrived(store.nextMessageId(), "t", Binary.wrap(new byte[1000]),
                            QoS.AT_LEAST_ONCE, false, null, null, 0);
                    QueueEntry e = QueueEntry.queued("c", store.nextSeq(), m.id(), QoS.AT_LEAST_ONCE, false, null, null);
                    entries.add(e);
                    writes.add(store.commit(store.stagePublish(new Batch(), m, List.of(e))));
                }
                entries.forEach(e -> writes.add(store.commit(store.stageRemove(new Batch(), e))));
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            }
            long before = store.engine().diskBytes();
            store.engine().compact();
            assertThat(store.queue("c")).isEmpty();
            assertThat(store.engine().lastKey(Table.MESSAGES)).isNull();
            // 10 MB of payload went through; after compaction the live data is a few KB.
            long live = Long.parseLong(store.engine().property("rocksdb.estimate-live-data-size"));
            assertThat(live).isLessThan(100_000);
            assertThat(before).isGreaterThan(1_000_000);
        }
    }
}
