package dev.wren.cli.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The result of a bench run: ordered key/value pairs printed as a table or one JSON line. */
final class Report {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Report put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    Object get(String key) {
        return values.get(key);
    }

    String toJson() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                sb.append(v instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : v.toString());
            } else if (v == null) {
                sb.append("null");
            } else {
                sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }

    String toTable() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Double d ? String.format(Locale.ROOT, "%,.1f", d)
                    : v instanceof Long l ? String.format(Locale.ROOT, "%,d", l) : String.valueOf(v);
            sb.append(String.format(Locale.ROOT, "%-18s %s%n", e.getKey(), text));
        }
        return sb.toString();
    }
}
