package dev.wren.broker.persistence.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {
    @TempDir
    Path dir;

    @Test
    void submit_manyFragmentsWithoutWaiting_allDurableWithFewerFsyncsThanFragments() {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (RocksStore store = RocksStore.open(StoreConfig.defaults(dir))) {
            for (int i = 0; i < 2000; i++) {
                futures.add(store.commit(put(i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            CommitStats stats = store.stats();
            assertThat(stats.fragments()).isEqualTo(2000);
            assertThat(stats.fsyncs()).isEqualTo(stats.batches());
            // The first write is alone; everything submitted during its fsync shares the next ones.
            assertThat(stats.batches()).isLessThan(2000);
            assertThat(stats.averageBatchSize()).isGreaterThan(1.0);
        }
        try (RocksStore store = RocksStore.open(StoreConfig.defaults(dir))) {
            for (int i = 0; i < 2000; i++) {
                assertThat(store.get(Table.MESSAGES, Keys.message(i))).isNotNull();
            }
        }
    }

    @Test
    void submit_asyncMode_completesAndPeriodicFlushCountsAsFsync() {
        StoreConfig config = StoreConfig.defaults(dir).withDurability(Durability.ASYNC)
                .withFlushInterval(Duration.ofMillis(5));
        RocksStore first = RocksStore.open(config);
        first.commit(put(1)).join();
        assertThat(first.get(Table.MESSAGES, Keys.message(1))).isNotNull();
        first.close();
        // Async writes are not fsynced one by one; closing flushes the WAL once more.
        assertThat(first.stats().batches()).isEqualTo(1);
        assertThat(first.stats().fsyncs()).isGreaterThanOrEqualTo(1);
        try (RocksStore store = RocksStore.open(config)) {
            assertThat(store.get(Table.MESSAGES, Keys.message(1))).isNotNull();
        }
    }

    @Test
    void submit_afterClose_failsInsteadOfHanging() {
        RocksStore store = RocksStore.open(StoreConfig.defaults(dir));
        store.close();
        store.close();
        assertThatThrownBy(() -> store.commit(put(1)).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    private static Batch put(long i) {
        return new Batch().put(Table.MESSAGES, Keys.message(i), new byte[] {1, 2, 3});
    }
}
