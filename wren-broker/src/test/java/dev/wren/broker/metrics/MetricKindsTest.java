package dev.wren.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus type of each metric comes from {@link Metric#gauge()}; the source documents a
 * gauge with a comment starting "Gauge". This keeps the two in step when metrics are added.
 */
class MetricKindsTest {
    @Test
    void everyMetricDocumentedAsGaugeIsAGauge_andNoOther() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/wren/broker/metrics/Metric.java"));
        Matcher m = Pattern.compile("/\\*\\*\\s*((?:(?!\\*/).)*?)\\*/\\s*([A-Z0-9_]+)\\(\"", Pattern.DOTALL)
                .matcher(source);
        Map<String, Boolean> documented = new HashMap<>();
        while (m.find()) {
            documented.put(m.group(2), m.group(1).strip().startsWith("Gauge"));
        }
        assertThat(documented.keySet()).hasSize(Metric.values().length);
        for (Metric metric : Metric.values()) {
            assertThat(metric.gauge()).as("%s gauge()", metric).isEqualTo(documented.get(metric.name()));
        }
    }

    @Test
    void prometheusText_typesFollowTheKind() {
        String text = PrometheusText.render(new BrokerMetrics(), 5);
        assertThat(text).contains("# TYPE wren_memory_budget_used_bytes gauge")
                .contains("# TYPE wren_messages_received_total counter")
                .contains("wren_uptime_seconds 5");
    }
}
