package dev.wren.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketIdsTest {
    @Test
    void allocate_neverReturnsAnIdInUse() {
        PacketIds ids = new PacketIds();
        for (int i = 1; i <= PacketIds.MAX; i++) {
            assertThat(ids.allocate()).isEqualTo(i);
        }
        assertThat(ids.allocate()).isZero();
        ids.release(42);
        assertThat(ids.allocate()).isEqualTo(42);
    }

    @Test
    void allocate_afterRelease_movesForwardInsteadOfReusing() {
        PacketIds ids = new PacketIds();
        int first = ids.allocate();
        ids.release(first);
        assertThat(ids.allocate()).isEqualTo(first + 1);
        assertThat(ids.inUse()).isEqualTo(1);
    }
}
