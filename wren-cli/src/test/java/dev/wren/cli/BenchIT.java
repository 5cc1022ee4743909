package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wren bench} as a process against mosquitto, or wren broker when it speaks MQTT. */
class BenchIT {
    @TempDir
    static Path dir;

    private static Brokers.Handle broker;

    @BeforeAll
    static void start() throws Exception {
        broker = Brokers.mosquitto(dir);
        if (broker == null) {
            Brokers.Handle wren = Brokers.wren();
            if (Brokers.speaksMqtt(wren.port(), Duration.ofSeconds(3))) {
                broker = wren;
            } else {
                wren.close();
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static String port() {
        Assumptions.assumeTrue(broker != null, "no MQTT broker available");
        return String.valueOf(broker.port());
    }

    @Test
    void pairs_qos1_json_reportsNoLoss() {
        Launcher.Result r = Launcher.run("bench", "pairs", "-p", port(), "-q", "1", "-n", "2", "-d", "1", "-s", "64",
                "--json", "--window", "16");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String json = r.stdout().trim();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(json).contains("\"throughput\":", "\"sent\":", "\"received\":", "\"lost\":0,", "\"duplicates\":0,",
                "\"latency_p50_us\":", "\"latency_p99_us\":", "\"bench_cpu_percent\":");
        assertThat(r.stderr()).contains("msg/s");
    }

    @Test
    void fanout_count_table_listsResults() {
        Launcher.Result r = Launcher.run("bench", "fanout", "-p", port(), "-q", "0", "-n", "3", "-c", "100",
                "--no-progress");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("scenario", "fanout", "throughput", "latency_p99_us");
    }

    @Test
    void conns_json_reportsConnectRate() {
        Launcher.Result r = Launcher.run("bench", "conns", "-p", port(), "-n", "20", "-d", "1", "--json",
                "--pid", String.valueOf(broker.process().pid()));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("\"connected\":20", "\"connect_rate\":", "\"broker_bytes_per_connection\":");
    }

    @Test
    void durability_syncAndNone_oneRowEach_withFsyncsAndAckLatency() {
        Launcher.Result r = Launcher.run("bench", "fanin", "-q", "1", "-n", "2", "-d", "1", "--window", "8",
                "--warmup", "0", "--durability", "sync,none", "--json", "--no-progress");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String[] lines = r.stdout().trim().split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("\"durability\":\"sync\"", "\"persistent_subscribers\":true", "\"lost\":0,",
                "\"ack_latency_p99_us\":").doesNotContain("\"fsyncs\":0,");
        assertThat(lines[1]).contains("\"durability\":\"none\"", "\"fsyncs\":0,", "\"lost\":0,");
    }

    @Test
    void durability_table_comparesModes() {
        Launcher.Result r = Launcher.run("bench", "pairs", "-q", "1", "-n", "1", "-c", "200", "--warmup", "1",
                "--durability", "async,none", "--no-progress");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("durability", "acked/s", "fsyncs/s", "ack p99us", "async", "none");
    }

    @Test
    void durability_unknownMode_exitsTwo() {
        Launcher.Result r = Launcher.run("bench", "fanin", "--durability", "sync,fast");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("--durability takes sync, async and none, not 'fast'");
    }

    @Test
    void unknownScenario_exitsTwo() {
        Launcher.Result r = Launcher.run("bench", "nonsense", "-d", "1");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("unknown scenario");
    }
}
