package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.client.ClientOptions;
import dev.wren.client.Message;
import dev.wren.client.MqttClient;
import dev.wren.codec.QoS;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code wren pub} and {@code wren sub} as processes, against {@code wren broker} (once it
 * speaks MQTT) and against mosquitto (when installed).
 */
class PubSubIT {
    @TempDir
    static Path dir;

    private static Brokers.Handle wren;
    private static Brokers.Handle mosquitto;
    private static boolean wrenSpeaksMqtt;

    @BeforeAll
    static void startBrokers() throws Exception {
        wren = Brokers.wren();
        wrenSpeaksMqtt = Brokers.speaksMqtt(wren.port(), Duration.ofSeconds(3));
        mosquitto = Brokers.mosquitto(dir);
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        if (wren != null) {
            wren.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    static Stream<String> brokers() {
        return Stream.of("wren", "mosquitto");
    }

    private static int port(String broker) {
        if (broker.equals("wren")) {
            Assumptions.assumeTrue(wrenSpeaksMqtt, "wren broker does not accept MQTT connections yet");
            return wren.port();
        }
        Assumptions.assumeTrue(mosquitto != null, "mosquitto is not installed");
        return mosquitto.port();
    }

    private static String topic(String name) {
        return "it/" + name + "/" + System.nanoTime();
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void pubRetained_thenSub_printsTopicAndPayload(String broker) {
        String p = String.valueOf(port(broker));
        String t = topic("retained");
        Launcher.Result pub = Launcher.run("pub", "-p", p, "-t", t, "-m", "hello world", "-r", "-q", "1");
        assertThat(pub.exitCode()).as(pub.stderr()).isZero();
        Launcher.Result sub = Launcher.run("sub", "-p", p, "-t", t, "-v", "-C", "1", "-W", "20");
        assertThat(sub.exitCode()).as(sub.stderr()).isZero();
        assertThat(sub.stdout()).isEqualTo(t + " hello world\n");
        Launcher.run("pub", "-p", p, "-t", t, "-n", "-r");
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void pubLines_qos2_eachLineArrivesOnce(String broker) throws Exception {
        int port = port(broker);
        String t = topic("lines");
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        try (MqttClient c = MqttClient.create(ClientOptions.builder().host("127.0.0.1").port(port).build())) {
            c.onMessage(got::add);
            c.connect();
            c.subscribe(t, QoS.EXACTLY_ONCE);
            Launcher.Result pub = Launcher.runWithInput("one\ntwo\nthree\n", "pub", "-p", String.valueOf(port), "-t", t, "-l",
                    "-q", "2", "-V", "311");
            assertThat(pub.exitCode()).as(pub.stderr()).isZero();
            for (String expected : List.of("one", "two", "three")) {
                Message m = got.poll(10, TimeUnit.SECONDS);
                assertThat(m).isNotNull();
                assertThat(m.payloadAsString()).isEqualTo(expected);
            }
            assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void sub_liveMessagesWithCount_exitsZeroAfterCount(String broker) throws Exception {
        int port = port(broker);
        String t = topic("live");
        try (Launcher.Running sub = new Launcher.Running("sub", "-p", String.valueOf(port), "-t", t, "-C", "2",
                "-F", "%t|%p|%q", "-q", "1");
                MqttClient c = MqttClient.create(ClientOptions.builder().host("127.0.0.1").port(port).build())) {
            c.connect();
            // The sub process prints nothing until subscribed: publish until the first line shows up.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                c.publish(Message.of(t, "m").withQos(QoS.AT_LEAST_ONCE));
                return !sub.lines.isEmpty();
            });
            assertThat(sub.nextLine()).isEqualTo(t + "|m|1");
            c.publish(Message.of(t, "m").withQos(QoS.AT_LEAST_ONCE));
            assertThat(sub.awaitExit()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void subJson_withUserProperty_printsProperties(String broker) {
        String p = String.valueOf(port(broker));
        String t = topic("json");
        Launcher.run("pub", "-p", p, "-t", t, "-m", "x", "-r", "-D", "publish", "user-property", "k", "v");
        Launcher.Result sub = Launcher.run("sub", "-p", p, "-t", t, "--json", "-C", "1", "-W", "20");
        assertThat(sub.exitCode()).as(sub.stderr()).isZero();
        assertThat(sub.stdout()).contains("\"topic\":\"" + t + "\"").contains("\"user-properties\":[{\"k\":\"v\"}]");
        Launcher.run("pub", "-p", p, "-t", t, "-n", "-r");
    }

    @ParameterizedTest
    @MethodSource("brokers")
    void sub_timeoutWithoutMessages_exits27(String broker) {
        Launcher.Result sub = Launcher.run("sub", "-p", String.valueOf(port(broker)), "-t", topic("none"), "-W", "1");
        assertThat(sub.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(sub.stderr()).contains("timed out");
    }

    @Test
    void pub_nothingListening_exitsOneWithReason() throws Exception {
        int free;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            free = s.getLocalPort();
        }
        Launcher.Result r = Launcher.run("pub", "-p", String.valueOf(free), "-t", "a", "-m", "b");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.stderr()).contains("cannot connect").doesNotContain("\tat ");
    }

    @Test
    void pub_wildcardTopic_exitsOneNamingTheReasonCode() {
        Assumptions.assumeTrue(mosquitto != null || wrenSpeaksMqtt, "no MQTT broker available");
        String p = String.valueOf(mosquitto != null ? mosquitto.port() : wren.port());
        Launcher.Result r = Launcher.run("pub", "-p", p, "-t", "a/#", "-m", "b");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.stderr()).contains("0x90");
    }

    @Test
    void pub_noMessageSource_exitsTwo() {
        Launcher.Result r = Launcher.run("pub", "-t", "a");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
