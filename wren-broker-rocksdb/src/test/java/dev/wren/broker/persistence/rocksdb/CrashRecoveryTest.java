package dev.wren.broker.persistence.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.persistence.StoredState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer JVM with SIGKILL at random points of its progress, several times on the same
 * directory, and checks after each kill that every commit it reported as acknowledged is on disk.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 5;
    private static final int WRITERS = 8;

    @TempDir
    Path tmp;

    @Test
    void sigkill_atRandomPoints_losesNoAcknowledgedCommit() throws Exception {
        crashLoop(Durability.SYNC, ROUNDS);
    }

    /** Async mode skips fsync, but every write has reached the kernel: a process crash loses nothing. */
    @Test
    void sigkill_asyncMode_losesNoAcknowledgedCommit() throws Exception {
        crashLoop(Durability.ASYNC, 2);
    }

    private void crashLoop(Durability durability, int rounds) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path dir = tmp.resolve("data");
        Set<Long> mustStay = new HashSet<>();
        Set<Long> mustBeGone = new HashSet<>();
        for (int round = 1; round <= rounds; round++) {
            int killAfter = 100 + random.nextInt(1500);
            Output out = runAndKill(dir, killAfter, round * 1_000_000L, durability,
                    tmp.resolve("writer-" + round + ".err"));
            out.acked().stream().filter(n -> n % 3 != 0).forEach(mustStay::add);
            mustBeGone.addAll(out.deleted());
            Set<Long> onDisk = storedPayloads(dir);
            Set<Long> lost = new HashSet<>(mustStay);
            lost.removeAll(onDisk);
            Set<Long> resurrected = new HashSet<>(mustBeGone);
            resurrected.retainAll(onDisk);
            System.out.printf("%s crash round %d (seed %d): killed after %d acks; in total %d acknowledged-and-kept,"
                    + " %d acknowledged-deletes, %d on disk, %d lost, %d resurrected%n", durability, round, seed,
                    out.acked().size(), mustStay.size(), mustBeGone.size(), onDisk.size(), lost.size(),
                    resurrected.size());
            assertThat(lost).as("acknowledged but lost after round %d, seed %d", round, seed).isEmpty();
            assertThat(resurrected).as("deleted but back after round %d, seed %d", round, seed).isEmpty();
        }
    }

    @Test
    void tornWalTail_afterSigkill_opensAndKeepsCommittedPrefix() throws Exception {
        Path dir = tmp.resolve("data");
        List<Long> acks = runAndKill(dir, 300, 0, Durability.SYNC, tmp.resolve("writer.err")).acked();
        Path wal = newestWal(dir);
        long size = Files.size(wal);
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            // Damage the last ~2 KiB: a torn sector write in the middle of the tail.
            f.seek(Math.max(0, size - 2048));
            f.write(new byte[512]);
        }
        try (DurableStore store = DurableStore.open(StoreConfig.defaults(dir))) {
            RecoveryReport report = store.recoveryReport();
            int kept = store.queue(CrashWriterMain.CLIENT).size();
            System.out.printf("torn WAL tail: %d acknowledged, %d kept, %d WAL bytes dropped%n", acks.size(), kept,
                    report.walBytesDropped());
            assertThat(kept).isGreaterThan(0).isLessThanOrEqualTo(acks.size() + WRITERS);
            assertThat(report.walCorruptions()).isGreaterThan(0);
        }
    }

    private record Output(List<Long> acked, List<Long> deleted) {}

    private static Output runAndKill(Path dir, int killAfter, long firstPayload, Durability durability, Path stderr)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(), dir.toString(),
                String.valueOf(WRITERS), String.valueOf(firstPayload), durability.name())
                .redirectError(stderr.toFile())
                .start();
        List<Long> acks = new ArrayList<>();
        List<Long> deletes = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acks.add(Long.parseLong(line.substring(4)));
                } else if (line.startsWith("del ")) {
                    deletes.add(Long.parseLong(line.substring(4)));
                }
                if (acks.size() == killAfter) {
                    // SIGKILL through the handle: Process.destroyForcibly() would also close our end of
                    // the pipe and lose the acknowledgements already written to it.
                    p.toHandle().destroyForcibly();
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acks).as("writer output; see %s", stderr).hasSizeGreaterThanOrEqualTo(killAfter);
        return new Output(acks, deletes);
    }

    private static Set<Long> storedPayloads(Path dir) {
        Set<Long> payloads = new HashSet<>();
        try (RocksPersistence p = RocksPersistence.open(StoreConfig.defaults(dir))) {
            for (StoredState.StoredSession s : p.load().sessions()) {
                for (StoredState.StoredDelivery d : s.queue()) {
                    payloads.add(Long.parseLong(d.message().payload().toUtf8String()));
                }
            }
        }
        return payloads;
    }

    private static Path newestWal(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .max(Comparator.comparing(Path::getFileName)).orElseThrow();
        }
    }
}
