package dev.wren.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wren.broker.BrokerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static BrokerConfig withoutClock(BrokerConfig c) {
        return c.toBuilder().clock(BrokerConfig.defaults().clock()).build();
    }

    @Test
    void defaultYaml_parsesBackToDefaults() {
        BrokerConfig parsed = ConfigLoader.parse(ConfigLoader.defaultYaml(), "defaults");
        assertThat(withoutClock(parsed)).isEqualTo(withoutClock(BrokerConfig.defaults()));
    }

    @Test
    void emptyFile_givesDefaults(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("wren.yaml"), "");
        assertThat(ConfigLoader.load(f).port()).isEqualTo(1883);
    }

    @Test
    void values_applied() {
        BrokerConfig c = ConfigLoader.parse("""
                listener:
                  host: 0.0.0.0
                  port: 1999
                session:
                  max-queued-bytes: 5000000000
                security:
                  allow-anonymous: false
                  users:
                    alice: secret
                    bob: 1234
                """, "t");
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(1999);
        assertThat(c.maxQueuedBytes()).isEqualTo(5_000_000_000L);
        assertThat(c.allowAnonymous()).isFalse();
        assertThat(c.users()).isEqualTo(Map.of("alice", "secret", "bob", "1234"));
    }

    @Test
    void memoryBudgetAndDiskQuota_appliedAndChecked() {
        BrokerConfig c = ConfigLoader.parse("""
                memory:
                  budget-bytes: 1073741824
                  budget-heap-percent: 40
                persistence:
                  max-disk-bytes: 10000000000
                  min-free-disk-bytes: 0
                  disk-check-interval-millis: 250
                """, "t");
        assertThat(c.memoryBudgetBytes()).isEqualTo(1L << 30);
        assertThat(c.memoryBudgetHeapPercent()).isEqualTo(40);
        assertThat(c.maxDiskBytes()).isEqualTo(10_000_000_000L);
        assertThat(c.minFreeDiskBytes()).isZero();
        assertThat(c.diskCheckIntervalMillis()).isEqualTo(250);
        assertThat(BrokerConfig.defaults().minFreeDiskBytes()).isEqualTo(256L << 20);
        assertThatThrownBy(() -> ConfigLoader.parse("""
                memory:
                  budget-heap-percent: 0
                  budget: 5
                persistence:
                  max-disk-bytes: -1
                """, "t"))
                .hasMessageContaining("memory.budget-heap-percent")
                .hasMessageContaining("memory.budget")
                .hasMessageContaining("persistence.max-disk-bytes");
    }

    @Test
    void backPressure_appliedAndChecked() {
        BrokerConfig c = ConfigLoader.parse("""
                back-pressure:
                  high-water: 200
                  high-water-bytes: 0
                  slow-consumer-grace-millis: 250
                  max-publisher-pause-millis: 3000
                """, "t");
        assertThat(c.backPressureHighWater()).isEqualTo(200);
        assertThat(c.backPressureHighWaterBytes()).isZero();
        assertThat(c.slowConsumerGraceMillis()).isEqualTo(250);
        assertThat(c.maxPublisherPauseMillis()).isEqualTo(3000);
        assertThatThrownBy(() -> ConfigLoader.parse("back-pressure:\n  slow-consumer-grace-millis: 0\n", "t"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("back-pressure.slow-consumer-grace-millis: must be 1..");
    }

    @Test
    void persistence_plainData_appliedAndChecked() {
        BrokerConfig d = BrokerConfig.defaults();
        assertThat(d.durability()).isEqualTo("sync");
        assertThat(d.dataDir()).isEqualTo(java.nio.file.Path.of("wren-data"));
        assertThat(d.flushInterval()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(d.moveAsideCorruptStore()).isFalse();
        BrokerConfig c = ConfigLoader.parse("""
                persistence:
                  durability: async
                  data-dir: /var/lib/wren
                  flush-interval-millis: 200
                  corrupt-store: move-aside
                """, "t");
        assertThat(c.durability()).isEqualTo("async");
        assertThat(c.dataDir()).isEqualTo(java.nio.file.Path.of("/var/lib/wren"));
        assertThat(c.flushInterval()).isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(c.moveAsideCorruptStore()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.parse("persistence:\n  durability: fast\n", "t"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("persistence.durability");
    }

    @Test
    void unknownKey_rejectedWithPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("listener:\n  prot: 1\n", "t"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listener.prot: unknown key");
    }

    @Test
    void unknownSection_rejected() {
        assertThatThrownBy(() -> ConfigLoader.parse("listenr:\n  port: 1\n", "t"))
                .hasMessageContaining("listenr: unknown section");
    }

    @Test
    void badValues_allReportedWithPaths() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                listener:
                  port: 70000
                mqtt:
                  max-qos: two
                  retain-available: 1
                """, "t"))
                .hasMessageContaining("listener.port: must be 0..65535, got 70000")
                .hasMessageContaining("mqtt.max-qos: must be a whole number, got 'two'")
                .hasMessageContaining("mqtt.retain-available: must be true or false, got 1");
    }

    @Test
    void crossFieldProblem_reported() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                listener:
                  write-buffer-low-water-mark: 100
                  write-buffer-high-water-mark: 10
                """, "t"))
                .hasMessageContaining("writeBufferLowWaterMark");
    }

    @Test
    void notYaml_rejected() {
        assertThatThrownBy(() -> ConfigLoader.parse("listener: [\n", "t")).hasMessageContaining("not valid YAML");
    }

    @Test
    void missingFile_rejectedWithPath(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml");
    }
}
