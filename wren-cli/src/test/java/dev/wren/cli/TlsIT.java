package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wren pub}/{@code sub} over TLS against mosquitto with a throw-away CA (needs mosquitto and openssl). */
class TlsIT {
    @TempDir
    static Path dir;

    private static Process mosquitto;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mosquitto")), "mosquitto is not installed");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        TestCertificates.create(dir);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String user = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, user + "allow_anonymous true\nlistener " + port + " 127.0.0.1\ncafile "
                + dir.resolve("ca.crt") + "\ncertfile " + dir.resolve("server.crt") + "\nkeyfile "
                + dir.resolve("server.key") + "\n");
        mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(50)).until(TlsIT::listening);
    }

    private static boolean listening() {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pubSub_withCafile_roundTrip() {
        String ca = dir.resolve("ca.crt").toString();
        String p = String.valueOf(port);
        Launcher.Result pub = Launcher.run("pub", "-h", "127.0.0.1", "-p", p, "--cafile", ca, "-t", "tls/x", "-m", "s",
                "-r", "-q", "1", "--connect-timeout", "20");
        assertThat(pub.exitCode()).as(pub.stderr()).isZero();
        Launcher.Result sub = Launcher.run("sub", "-h", "127.0.0.1", "-p", p, "--cafile", ca, "-t", "tls/x", "-C", "1",
                "-W", "20");
        assertThat(sub.exitCode()).as(sub.stderr()).isZero();
        assertThat(sub.stdout()).isEqualTo("s\n");
    }

    @Test
    void pub_untrustedServer_exitsOne() {
        Launcher.Result pub = Launcher.run("pub", "-h", "127.0.0.1", "-p", String.valueOf(port), "--tls-use-os-certs",
                "-t", "tls/x", "-m", "s");
        assertThat(pub.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(pub.stderr()).contains("certification path");
    }
}
