package dev.wren.broker.persistence.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchTest {
    @Test
    void cancel_beforeSeal_skipsTheWrite_afterSeal_refused() {
        Batch b = new Batch().put(Table.MESSAGES, new byte[] {1}, new byte[] {2})
                .put(Table.QUEUE, new byte[] {3}, new byte[] {4});
        assertThat(b.cancel(1)).isTrue();
        assertThat(b.isSealed()).isFalse();
        b.seal();
        assertThat(b.isSealed()).isTrue();
        assertThat(b.cancel(0)).as("the committer has taken it").isFalse();
        assertThat(b.isCancelled(0)).isFalse();
        assertThat(b.isCancelled(1)).isTrue();
    }
}
