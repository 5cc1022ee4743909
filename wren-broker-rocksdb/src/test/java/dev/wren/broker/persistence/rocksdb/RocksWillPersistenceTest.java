package dev.wren.broker.persistence.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.persistence.StoredState;
import dev.wren.codec.Binary;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.PublishProperties;
import dev.wren.codec.packet.Will;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pending wills through the persistence SPI, called the way the broker calls it: saveSession
 * with the CONNECT's will, the four-argument {@code disconnected} with the delayed will, the
 * same call with {@code null} once it was published, removeSession when the session ends.
 */
class RocksWillPersistenceTest {
    private static final Will WILL = new Will("clients/c/status", Binary.utf8("gone"), QoS.AT_LEAST_ONCE, true, 30,
            new PublishProperties(false, 120, "text/plain", null, null, java.util.List.of()));

    @TempDir
    Path dir;

    @Test
    void restoresWills_isDeclared() {
        try (RocksPersistence p = open()) {
            assertThat(p.restoresWills()).isTrue();
        }
    }

    @Test
    void pendingWill_survivesRestart() {
        long at = System.currentTimeMillis();
        try (RocksPersistence p = open()) {
            p.load();
            join(p.sessions().saveSession("c", MqttVersion.V5, 600, WILL));
            join(p.sessions().disconnected("c", at, 600, WILL));
        }
        StoredState.StoredSession s = loadOnly("c");
        assertThat(s.will()).isEqualTo(WILL);
        assertThat(s.disconnectedAtMillis()).isEqualTo(at);
        assertThat(s.expiryInterval()).isEqualTo(600);
    }

    @Test
    void publishedWill_isNotRestoredAgain() {
        long at = System.currentTimeMillis();
        try (RocksPersistence p = open()) {
            p.load();
            join(p.sessions().saveSession("c", MqttVersion.V5, 600, WILL));
            join(p.sessions().disconnected("c", at, 600, WILL));
        }
        try (RocksPersistence p = open()) {
            assertThat(p.load().sessions().getFirst().will()).isEqualTo(WILL);
            // The broker published it after the restart and says so.
            join(p.sessions().disconnected("c", at, 600, null));
        }
        StoredState.StoredSession s = loadOnly("c");
        assertThat(s.will()).isNull();
        assertThat(s.disconnectedAtMillis()).isEqualTo(at);
    }

    @Test
    void normalDisconnect_storesNoWill() {
        try (RocksPersistence p = open()) {
            p.load();
            join(p.sessions().saveSession("c", MqttVersion.V5, 600, WILL));
            join(p.sessions().disconnected("c", System.currentTimeMillis(), 600, null));
        }
        assertThat(loadOnly("c").will()).isNull();
    }

    @Test
    void threeArgumentDisconnect_dropsTheConnectWill() {
        try (RocksPersistence p = open()) {
            p.load();
            join(p.sessions().saveSession("c", MqttVersion.V5, 600, WILL));
            join(p.sessions().disconnected("c", System.currentTimeMillis(), 600));
        }
        assertThat(loadOnly("c").will()).isNull();
    }

    @Test
    void onlineAtStop_keepsTheConnectWill_offlineSinceOpen() {
        try (RocksPersistence p = open()) {
            p.load();
            join(p.sessions().saveSession("c", MqttVersion.V5, 600, WILL));
        }
        long beforeOpen = System.currentTimeMillis();
        StoredState.StoredSession s = loadOnly("c");
        assertThat(s.will()).isEqualTo(WILL);
        assertThat(s.disconnectedAtMillis()).isGreaterThanOrEqualTo(beforeOpen);
    }

    @Test
    void removedSession_takesItsWill() {
        try (RocksPersistence p = open()) {
            p.load();
            join(p.sessions().saveSession("c", MqttVersion.V5, 600, WILL));
            join(p.sessions().disconnected("c", System.currentTimeMillis(), 600, WILL));
            join(p.sessions().removeSession("c"));
        }
        try (RocksPersistence p = open()) {
            assertThat(p.load().sessions()).isEmpty();
        }
    }

    @Test
    void reconnect_replacesThePendingWill() {
        Will next = new Will("clients/c/status", Binary.utf8("gone again"), QoS.AT_MOST_ONCE, false, 5,
                PublishProperties.NONE);
        try (RocksPersistence p = open()) {
            p.load();
            join(p.sessions().saveSession("c", MqttVersion.V5, 600, WILL));
            join(p.sessions().disconnected("c", System.currentTimeMillis(), 600, WILL));
            join(p.sessions().saveSession("c", MqttVersion.V5, 600, next));
            join(p.sessions().disconnected("c", System.currentTimeMillis(), 600, next));
        }
        assertThat(loadOnly("c").will()).isEqualTo(next);
    }

    private StoredState.StoredSession loadOnly(String clientId) {
        try (RocksPersistence p = open()) {
            StoredState.StoredSession s = p.load().sessions().getFirst();
            assertThat(s.clientId()).isEqualTo(clientId);
            return s;
        }
    }

    private RocksPersistence open() {
        return RocksPersistence.open(dir, Durability.SYNC, Duration.ofSeconds(1), false);
    }

    private static void join(CompletionStage<Void> stage) {
        stage.toCompletableFuture().join();
    }
}
