package dev.wren.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wren.it.kit.BrokerExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interoperability with {@code mosquitto_pub} / {@code mosquitto_sub} (Debian package
 * {@code mosquitto-clients}, installed by {@code .ci/run}). Skipped only when the binaries are
 * missing.
 */
@Timeout(60)
class MosquittoClientsIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    @BeforeAll
    static void requireBinaries() {
        assumeTrue(onPath("mosquitto_pub") && onPath("mosquitto_sub"),
                "mosquitto_pub/mosquitto_sub not installed (apt-get install mosquitto-clients)");
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    /** A running mosquitto_sub whose stdout lines are collected. */
    private final class Sub {
        final Process process;
        final List<String> command;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Sub(String... args) throws IOException {
            List<String> cmd = new ArrayList<>();
            if (onPath("stdbuf")) { // mosquitto_sub block-buffers stdout into a pipe; we read it line by line
                cmd.addAll(List.of("stdbuf", "-oL"));
            }
            cmd.addAll(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "-d"));
            cmd.addAll(List.of(args));
            command = cmd;
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            broker.track(() -> process.destroyForcibly());
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "mosquitto_sub-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line containing {@code text}; returns it. */
        String awaitLine(String text) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            throw new AssertionError(command + " printed no line containing '" + text + "'; output: " + seen
                    + (process.isAlive() ? "" : "; exit code " + process.exitValue()));
        }

        void awaitExit() throws InterruptedException {
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("mosquitto_sub exits").isTrue();
            assertThat(process.exitValue()).as("mosquitto_sub exit code").isZero();
        }
    }

    private void pub(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        broker.track(() -> p.destroyForcibly());
        boolean done = p.waitFor(10, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readNBytes(Math.max(0, p.getInputStream().available())), StandardCharsets.UTF_8);
        assertThat(done).as("mosquitto_pub exits; output: %s", out).isTrue();
        assertThat(p.exitValue()).as("mosquitto_pub exit code; output: %s", out).isZero();
    }

    @ParameterizedTest(name = "QoS {0}, {1}")
    @CsvSource({"0, mqttv311", "1, mqttv311", "2, mqttv311", "0, mqttv5", "1, mqttv5", "2, mqttv5", "1, mqttv31"})
    @DisplayName("[interop] mosquitto_pub -> mosquitto_sub round trip")
    void roundTrip(int qos, String version) throws Exception {
        String topic = "mosq/rt/" + qos;
        Sub sub = new Sub("-V", version, "-q", String.valueOf(qos), "-t", topic, "-C", "1", "-W", "20");
        sub.awaitLine("SUBACK");
        pub("-V", version, "-q", String.valueOf(qos), "-t", topic, "-m", "payload-" + qos);
        assertThat(sub.awaitLine("payload-" + qos)).endsWith("payload-" + qos);
        sub.awaitExit();
    }

    @Test
    @DisplayName("[interop] mosquitto_pub -r then mosquitto_sub receives the retained message with its retain flag")
    void retained() throws Exception {
        pub("-V", "mqttv5", "-q", "1", "-r", "-t", "mosq/ret", "-m", "kept");
        Sub sub = new Sub("-V", "mqttv5", "-q", "1", "-t", "mosq/ret", "-C", "1", "-W", "20", "-F", "retain=%r payload=%p");
        assertThat(sub.awaitLine("payload=kept")).contains("retain=1");
        sub.awaitExit();

        pub("-V", "mqttv311", "-q", "1", "-r", "-t", "mosq/ret", "-n"); // empty retained payload deletes it
        Sub after = new Sub("-V", "mqttv311", "-t", "mosq/ret", "-W", "1", "-F", "payload=%p");
        after.awaitLine("SUBACK");
        assertThat(after.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(after.lines).noneMatch(l -> l.contains("payload="));
    }
}
