package dev.wren.cli;

import dev.wren.client.ClientOptions;
import dev.wren.client.MqttClient;
import dev.wren.client.MqttClientException;
import dev.wren.client.ReconnectPolicy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Brokers for the launcher tests: {@code wren broker} as a child process, or mosquitto when installed. */
final class Brokers {
    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");

    private Brokers() {}

    /** A broker process and the port it listens on. */
    record Handle(Process process, int port, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    /** Starts {@code wren broker --port 0} and reads the bound port from its first line. */
    static Handle wren() throws Exception {
        Launcher.Running r = new Launcher.Running(Launcher.broker("--port", "0"));
        String line = r.nextLine();
        Matcher m = LISTENING.matcher(line);
        if (!m.find()) {
            r.close();
            throw new AssertionError("unexpected first line: " + line);
        }
        return new Handle(r.process, Integer.parseInt(m.group(2)), r);
    }

    /** Starts mosquitto on a free loopback port, or returns {@code null} if it is not installed. */
    static Handle mosquitto(Path dir) throws Exception {
        Path binary = Path.of("/usr/sbin/mosquitto");
        if (!Files.isExecutable(binary)) {
            return null;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
        Process p = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Handle h = new Handle(p, port, () -> {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        });
        if (!speaksMqtt(port, Duration.ofSeconds(10))) {
            h.close();
            throw new AssertionError("mosquitto did not come up on port " + port);
        }
        return h;
    }

    /** Whether an MQTT CONNECT to {@code port} is accepted, retrying until {@code within} passes. */
    static boolean speaksMqtt(int port, Duration within) {
        try {
            Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> connects(port));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static boolean connects(int port) {
        ClientOptions o = ClientOptions.builder().host("127.0.0.1").port(port).clientId("probe")
                .reconnect(ReconnectPolicy.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
        try (MqttClient c = MqttClient.create(o)) {
            c.connect();
            c.disconnect();
            return true;
        } catch (MqttClientException e) {
            return false;
        }
    }
}
