package dev.wren.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.RawClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin HTTP endpoint: Prometheus metrics and health, read with the JDK's HTTP client. */
class AdminEndpointIT {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.adminPort(0));

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String path) throws Exception {
        int port = broker.broker().listenerAddresses().get("admin").getPort();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_prometheusText_countersGrowWithTraffic() throws Exception {
        HttpResponse<String> before = get("/metrics");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        String text = before.body();
        assertThat(text).contains("# TYPE wren_connections_current gauge")
                .contains("# TYPE wren_messages_received_total counter")
                .contains("# TYPE wren_jvm_heap_used_bytes gauge");
        // every sample line is a valid Prometheus name and an integer
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                assertThat(line).matches("[a-zA-Z_:][a-zA-Z0-9_:]* -?\\d+");
            }
        }
        long received = value(text, "wren_messages_received_total");
        try (RawClient c = RawClient.open(broker.port())) {
            c.connectOk(MqttVersion.V5, "metrics-probe");
            c.publish("m/x", "1", QoS.AT_LEAST_ONCE);
            c.publish("m/x", "2", QoS.AT_LEAST_ONCE);
            String during = get("/metrics").body();
            assertThat(value(during, "wren_messages_received_total")).isEqualTo(received + 2);
            assertThat(value(during, "wren_connections_current")).isPositive();
        }
    }

    @Test
    void health_andErrors() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"up\"");
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        int port = broker.broker().listenerAddresses().get("admin").getPort();
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private static long value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(text);
        assertThat(m.find()).as("sample %s", name).isTrue();
        return Long.parseLong(m.group(1));
    }
}
