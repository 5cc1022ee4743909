package dev.wren.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.RawClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage between runs: the tail of the newest write-ahead log is overwritten after a
 * {@code kill -9}. The broker must start anyway, report what it dropped, and keep everything
 * before the damage (in order, without holes).
 */
class CorruptionIT {
    private static final int MESSAGES = 300;

    @TempDir
    Path tmp;

    @BeforeAll
    static void requiresPersistenceWiring() {
        assumeTrue(BrokerProcess.supportsDataDir(), "wren broker has no --data-dir/--durability yet");
    }

    @Test
    void garbledWalTail_brokerStartsReportsAndKeepsIntactPrefix() throws IOException {
        Path dir = tmp.resolve("data");
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync")) {
            try (RawClient sub = RawClient.open(broker.port())) {
                sub.connect(RestartIT.persistent("sub", 3600));
                sub.subscribe("c/#", QoS.AT_LEAST_ONCE);
                sub.disconnect();
            }
            try (RawClient pub = RawClient.open(broker.port())) {
                pub.connectOk(MqttVersion.V5, "pub");
                for (int i = 1; i <= MESSAGES; i++) {
                    pub.publish("c/t", Integer.toString(i), QoS.AT_LEAST_ONCE);
                }
            }
            broker.kill();
        }
        Path wal = newestWal(dir);
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            // Garbage, not zeros: RocksDB reads a zeroed tail as preallocated space, i.e. a clean end.
            byte[] garbage = new byte[256];
            java.util.Arrays.fill(garbage, (byte) 0x5A);
            f.seek(Math.max(0, f.length() - 1024));
            f.write(garbage);
        }
        Path config = tmp.resolve("sys.yaml");
        Files.writeString(config, "maintenance:\n  sys-interval-seconds: 1\n");
        try (BrokerProcess broker = BrokerProcess.start(dir, "sync", "--config", config.toString());
                RawClient sub = RawClient.open(broker.port())) {
            sub.connect(RestartIT.persistent("sub", 3600));
            List<Integer> got = new ArrayList<>();
            while (sub.hasDataWithin(Duration.ofSeconds(2))) {
                if (sub.read() instanceof Publish p) {
                    got.add(Integer.parseInt(p.payload().toUtf8String()));
                    sub.ack(p);
                }
            }
            System.out.printf("garbled WAL tail: %d of %d messages kept%n", got.size(), MESSAGES);
            assertThat(got).as("an intact prefix, in order").isNotEmpty()
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, got.size()).boxed().toList());
            assertThat(got.size()).isBetween(MESSAGES / 2, MESSAGES - 1);
            assertThat(broker.output()).as("the drop is reported in the log").contains("dropping");
            assertThat(sysValue(broker, "store/recovery/wal-records-dropped")).as("and as a metric in $SYS")
                    .isPositive();
            assertThat(sysValue(broker, "store/recovery/wal-bytes-dropped")).isPositive();
            assertThat(sysValue(broker, "store/fsyncs")).as("the store's live counters too").isPositive();
        }
    }

    /** The value of the retained {@code $SYS/broker/<suffix>} publication. */
    private static long sysValue(BrokerProcess broker, String suffix) {
        try (RawClient sys = RawClient.open(broker.port())) {
            sys.connectOk(MqttVersion.V5, "sys-" + suffix.hashCode());
            sys.subscribe("$SYS/broker/" + suffix, QoS.AT_MOST_ONCE);
            while (true) {
                if (sys.read() instanceof Publish p && p.topic().equals("$SYS/broker/" + suffix)) {
                    return Long.parseLong(p.payload().toUtf8String());
                }
            }
        }
    }

    private static Path newestWal(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .max(Comparator.comparing(Path::getFileName)).orElseThrow();
        }
    }
}
