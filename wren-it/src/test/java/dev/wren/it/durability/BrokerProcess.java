package dev.wren.it.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wren broker} as a child JVM ({@code dev.wren.cli.Main} on this test's classpath) on
 * port 0 with a data directory, so that it can be killed with SIGKILL like a real process.
 * The port is read from the start-up line; stdout is drained by a thread, stderr (the log) goes
 * to a file next to the data directory.
 *
 * <p>Not thread-safe: driven by the test thread.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on .*:(\\d+)");
    /**
     * System property: a main class to run instead of {@code dev.wren.cli.Main}, called with the
     * same arguments ({@code broker --host .. --port 0 --data-dir .. --durability ..}), e.g. a
     * scratch launcher while the CLI lacks those options.
     */
    static final String MAIN_PROPERTY = "wren.it.brokerMain";
    /** System property: extra class path entries for the broker process (with {@link #MAIN_PROPERTY}). */
    static final String CLASSPATH_PROPERTY = "wren.it.brokerClasspath";
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path log;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private int port;

    private BrokerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread.ofPlatform().daemon().name("broker-stdout").start(this::drain);
    }

    /** Starts a broker on {@code dataDir} with {@code durability} and waits until it listens. */
    static BrokerProcess start(Path dataDir, String durability, String... extraArgs) {
        BrokerProcess b = launch(dataDir, durability, extraArgs);
        b.port = b.awaitPort();
        return b;
    }

    /** Starts a broker without waiting for it to listen (for brokers expected to fail). */
    static BrokerProcess launch(Path dataDir, String durability, String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", classpath(), mainClass(), "broker", "--host", "127.0.0.1",
                "--port", "0", "--data-dir", dataDir.toString(), "--durability", durability));
        cmd.addAll(List.of(extraArgs));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-broker-" + System.nanoTime() + ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            return new BrokerProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker", e);
        }
    }

    /** Whether this build's {@code wren broker} knows {@code --data-dir} (the persistence wiring). */
    static boolean supportsDataDir() {
        if (System.getProperty(MAIN_PROPERTY) != null) {
            return true;
        }
        try {
            Process p = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    "dev.wren.cli.Main", "broker", "--help").redirectErrorStream(true).start();
            String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return help.contains("--data-dir") && help.contains("--durability");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no flush, like a power cut for the process (not for the disk). */
    void kill() {
        process.toHandle().destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the broker's shutdown hook closes it cleanly. */
    void stop() {
        process.destroy();
        awaitExit();
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit() {
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("broker exited; log %s", log).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Everything the broker printed so far: the stdout lines not consumed yet, then its log (stderr). */
    String output() {
        List<String> lines = new ArrayList<>();
        stdout.drainTo(lines);
        lines.remove(EOF);
        return String.join("\n", lines) + "\n" + log();
    }

    /** The broker's log so far (stderr). */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private int awaitPort() {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                String line = stdout.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    break;
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw new AssertionError("the broker did not start listening; log " + log + ":\n" + log());
    }

    private static final String EOF = "\u0000eof";

    private void drain() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                stdout.add(line);
            }
        } catch (IOException e) {
            // The process died; the test looks at its exit code and log.
        }
        stdout.add(EOF);
    }

    private static String mainClass() {
        return System.getProperty(MAIN_PROPERTY, "dev.wren.cli.Main");
    }

    private static String classpath() {
        String extra = System.getProperty(CLASSPATH_PROPERTY);
        String own = System.getProperty("java.class.path");
        return extra == null ? own : extra + java.io.File.pathSeparator + own;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
