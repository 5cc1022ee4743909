package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wren broker} as a process. */
class BrokerCommandIT {
    @Test
    void broker_portZero_printsOneListeningLineAndStopsOnSigterm() throws Exception {
        try (Launcher.Running r = new Launcher.Running(Launcher.broker("--port", "0"))) {
            String line = r.nextLine();
            assertThat(line).matches("Wren \\S+ listening on 127\\.0\\.0\\.1:\\d+ \\(MQTT 3\\.1, 3\\.1\\.1, 5\\.0\\).*");
            r.process.destroy();
            int code = r.awaitExit();
            assertThat(code).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(r.stderr.toString()).doesNotContain("Exception");
        }
    }

    @Test
    void broker_portInUse_exitsTwoWithAdvice() throws Exception {
        try (Brokers.Handle first = Brokers.wren()) {
            Launcher.Result r = Launcher.run(Launcher.broker("--port", String.valueOf(first.port())));
            assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.stderr()).contains("cannot listen").contains("--port").doesNotContain("\tat ");
        }
    }

    @Test
    void broker_missingConfigFile_exitsTwo() {
        Launcher.Result r = Launcher.run(Launcher.broker("--config", "/nonexistent/wren.yaml"));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("cannot read configuration file");
    }

    @Test
    void broker_badConfig_exitsTwoNamingTheProblem(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.yaml");
        Files.writeString(conf, "no_such_key: 1\n");
        Launcher.Result r = Launcher.run(Launcher.broker("--config", conf.toString()));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("bad configuration").doesNotContain("\tat ");
    }

    @Test
    void broker_printDefaultConfig_exitsZero() {
        Launcher.Result r = Launcher.run("broker", "--print-default-config");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void broker_tlsAndWebSocketListeners_printedAtStart(@TempDir Path dir) throws Exception {
        TestCertificates.create(dir);
        Path conf = dir.resolve("wren.yaml");
        Files.writeString(conf, "tls:\n  port: 0\n  cert-file: " + dir.resolve("server.crt") + "\n  key-file: "
                + dir.resolve("server.key") + "\nwebsocket:\n  port: 0\n  secure-port: 0\n");
        try (Launcher.Running r = new Launcher.Running(Launcher.broker("--port", "0", "--config", conf.toString()))) {
            assertThat(r.nextLine()).contains("listening on 127.0.0.1:");
            assertThat(r.nextLine()).matches("  also listening for mqtts 127\\.0\\.0\\.1:\\d+");
            assertThat(r.nextLine()).matches("  also listening for ws 127\\.0\\.0\\.1:\\d+");
            assertThat(r.nextLine()).matches("  also listening for wss 127\\.0\\.0\\.1:\\d+");
        }
    }

    @Test
    void broker_tlsWithoutKey_exitsTwoNamingTheSetting(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("wren.yaml");
        Files.writeString(conf, "tls:\n  port: 0\n  cert-file: " + dir.resolve("missing.crt") + "\n");
        Launcher.Result r = Launcher.run(Launcher.broker("--port", "0", "--config", conf.toString()));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("tls.key-file").doesNotContain("\tat ");
    }
}
