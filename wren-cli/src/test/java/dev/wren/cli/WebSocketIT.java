package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wren pub}/{@code sub --ws} against {@code wren broker}'s own WebSocket listeners, plain
 * ({@code ws}) and over TLS ({@code wss}), with a message crossing to plain MQTT.
 */
class WebSocketIT {
    private static final Pattern LINE = Pattern.compile("(?:listening on|also listening for (\\w+)) [0-9.]+:(\\d+)");

    @TempDir
    static Path dir;

    private static Launcher.Running broker;
    private static final Map<String, String> ports = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        TestCertificates.create(dir);
        Path conf = dir.resolve("wren.yaml");
        Files.writeString(conf, "tls:\n  cert-file: " + dir.resolve("server.crt") + "\n  key-file: "
                + dir.resolve("server.key") + "\nwebsocket:\n  port: 0\n  secure-port: 0\n");
        broker = new Launcher.Running(Launcher.broker("--port", "0", "--config", conf.toString()));
        for (int i = 0; i < 3; i++) {
            Matcher m = LINE.matcher(broker.nextLine());
            assertThat(m.find()).isTrue();
            ports.put(m.group(1) == null ? "mqtt" : m.group(1), m.group(2));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void pubOverWs_subOverWss_andPlainMqtt() throws Exception {
        String ca = dir.resolve("ca.crt").toString();
        Launcher.Result pub = Launcher.run("pub", "-p", ports.get("ws"), "--ws", "/mqtt", "-t", "w/x", "-m", "hello",
                "-r", "-q", "1");
        assertThat(pub.exitCode()).as(pub.stderr()).isZero();
        Launcher.Result wss = Launcher.run("sub", "-h", "127.0.0.1", "-p", ports.get("wss"), "--ws", "/mqtt",
                "--cafile", ca, "-t", "w/x", "-C", "1", "-W", "20");
        assertThat(wss.exitCode()).as(wss.stderr()).isZero();
        assertThat(wss.stdout()).isEqualTo("hello\n");
        Launcher.Result tcp = Launcher.run("sub", "-p", ports.get("mqtt"), "-t", "w/x", "-C", "1", "-W", "20");
        assertThat(tcp.stdout()).as("the same broker behind every listener").isEqualTo("hello\n");
        Launcher.run("pub", "-p", ports.get("mqtt"), "-t", "w/x", "-n", "-r");
    }

    /** {@code -L ws://} and {@code -L wss://}: connection, WebSocket and topic in one URL. */
    @Test
    void urlForm_wsAndWss() {
        String ca = dir.resolve("ca.crt").toString();
        Launcher.Result pub = Launcher.run("pub", "-L", "ws://127.0.0.1:" + ports.get("ws") + "/u/x", "-m", "by-url",
                "-r", "-q", "1");
        assertThat(pub.exitCode()).as(pub.stderr()).isZero();
        Launcher.Result sub = Launcher.run("sub", "-L", "wss://127.0.0.1:" + ports.get("wss") + "/u/x", "--cafile", ca,
                "-C", "1", "-W", "20");
        assertThat(sub.exitCode()).as(sub.stderr()).isZero();
        assertThat(sub.stdout()).isEqualTo("by-url\n");
        Launcher.run("pub", "-p", ports.get("mqtt"), "-t", "u/x", "-n", "-r");
    }

    @Test
    void wrongPath_exitsOneWithTheHttpStatus() {
        Launcher.Result r = Launcher.run("pub", "-p", ports.get("ws"), "--ws", "/nope", "-t", "w/y", "-m", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.stderr()).contains("400");
    }
}
