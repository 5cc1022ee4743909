package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/** Runs the distribution's real {@code bin/wren} launcher as a child process. */
final class Launcher {
    private Launcher() {}

    /** The outcome of a finished command. */
    record Result(int exitCode, String stdout, String stderr) {}

    static Path script() {
        Path dist = Path.of(System.getProperty("wren.dist", "target/wren-dist-not-built"));
        Path script = dist.resolve("bin/wren");
        assertThat(script).as("the exploded distribution (run mvn package first)").exists();
        assertThat(Files.isExecutable(script)).as("bin/wren is executable").isTrue();
        return script;
    }

    static Result run(String... args) {
        return runWithInput(null, args);
    }

    private static volatile Boolean brokerHasDurability;

    /**
     * {@code wren broker} arguments for a test broker: memory-only storage when the command has
     * a durable store ({@code --durability}), so tests neither write a data directory into the
     * working directory nor collide on its lock.
     */
    static String[] broker(String... args) {
        if (brokerHasDurability == null) {
            brokerHasDurability = run("broker", "--help").stdout().contains("--durability");
        }
        List<String> all = new ArrayList<>();
        all.add("broker");
        if (brokerHasDurability) {
            all.add("--durability");
            all.add("none");
        }
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** Runs {@code wren args} with {@code stdin} (or none) and waits up to 60 s for it to end. */
    static Result runWithInput(String stdin, String... args) {
        try {
            Process p = builder(args).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread errReader = drain(p.getErrorStream(), err);
            Thread outReader = drain(p.getInputStream(), out);
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            assertThat(ended).as("wren %s ended within 60 s", String.join(" ", args)).isTrue();
            errReader.join();
            outReader.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script().toString());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Copies a stream into {@code buf} on a virtual thread; join it before reading the buffer. */
    private static Thread drain(InputStream in, ByteArrayOutputStream buf) {
        return Thread.ofVirtual().start(() -> {
            try (in) {
                in.transferTo(buf);
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        });
    }

    /** A long-running command whose stdout lines can be awaited. */
    static final class Running implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final StringBuffer stderr = new StringBuffer();

        Running(String... args) throws IOException {
            process = builder(args).start();
            Thread.ofVirtual().start(() -> readLines(process.getInputStream(), lines::add));
            Thread.ofVirtual().start(() -> readLines(process.getErrorStream(), l -> stderr.append(l).append('\n')));
        }

        private static void readLines(InputStream in, java.util.function.Consumer<String> sink) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    sink.accept(l);
                }
            } catch (IOException e) {
                // process gone
            }
        }

        /** The next stdout line, waiting up to 30 s. */
        String nextLine() throws InterruptedException {
            String l = lines.poll(30, TimeUnit.SECONDS);
            assertThat(l).as("a line on stdout; stderr so far: %s", stderr).isNotNull();
            return l;
        }

        /** Waits up to 30 s for the process to end and returns its exit code. */
        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process ended; stderr: %s", stderr).isTrue();
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
