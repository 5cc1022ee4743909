package dev.wren.cli;

import dev.wren.client.Message;
import dev.wren.codec.UserProperty;
import dev.wren.codec.packet.PublishProperties;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Formats received messages for {@code wren sub}: payload only, {@code -v} topic and payload,
 * {@code -F} a mosquitto-style format string, or {@code --json} one JSON object per line.
 *
 * <p>Format placeholders: {@code %t} topic, {@code %p} payload, {@code %x} payload in hex,
 * {@code %l} payload length, {@code %q} QoS, {@code %r} retain flag, {@code %j} JSON,
 * {@code %I} ISO-8601 time, {@code %U} Unix time with milliseconds, {@code %%} a percent
 * sign; escapes {@code \n}, {@code \t}, {@code \\}.
 */
final class OutputFormat {
    private final String format;

    private OutputFormat(String format) {
        this.format = format;
    }

    static OutputFormat of(String format, boolean verbose, boolean json) {
        if (json) {
            return new OutputFormat("%j");
        }
        if (format != null) {
            return new OutputFormat(format);
        }
        return new OutputFormat(verbose ? "%t %p" : "%p");
    }

    String format(Message m) {
        return new String(bytes(m), StandardCharsets.UTF_8);
    }

    /**
     * The formatted message as bytes: {@code %p} is copied raw, so binary payloads reach stdout
     * unchanged (as with mosquitto_sub), everything else is UTF-8 text.
     */
    byte[] bytes(Message m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(m.payload().length() + 32);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == 'p') {
                i++;
                out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
                out.writeBytes(m.payload().unsafeArray());
            } else if ((c == '%' || c == '\\') && i + 1 < format.length()) {
                i++;
                appendSpecial(sb, c, format.charAt(i), m);
            } else {
                sb.append(c);
            }
        }
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void appendSpecial(StringBuilder sb, char kind, char c, Message m) {
        if (kind == '\\') {
            sb.append(switch (c) {
                case 'n' -> "\n";
                case 't' -> "\t";
                case '\\' -> "\\";
                default -> "\\" + c;
            });
            return;
        }
        switch (c) {
            case 't' -> sb.append(m.topic());
            case 'p' -> sb.append(m.payloadAsString());
            case 'x' -> sb.append(HexFormat.of().formatHex(m.payload().unsafeArray()));
            case 'l' -> sb.append(m.payload().length());
            case 'q' -> sb.append(m.qos().value());
            case 'r' -> sb.append(m.retain() ? 1 : 0);
            case 'j' -> json(sb, m);
            case 'I' -> sb.append(Instant.now());
            case 'U' -> sb.append(String.format("%.3f", System.currentTimeMillis() / 1000.0));
            case '%' -> sb.append('%');
            default -> sb.append('%').append(c);
        }
    }

    /** One JSON object with the message and its MQTT 5.0 properties. */
    static void json(StringBuilder sb, Message m) {
        sb.append("{\"tst\":");
        str(sb, Instant.now().toString());
        sb.append(",\"topic\":");
        str(sb, m.topic());
        sb.append(",\"qos\":").append(m.qos().value()).append(",\"retain\":").append(m.retain());
        sb.append(",\"payloadlen\":").append(m.payload().length()).append(",\"payload\":");
        str(sb, m.payloadAsString());
        PublishProperties p = m.properties();
        if (!p.isEmpty() || !m.subscriptionIdentifiers().isEmpty()) {
            sb.append(",\"properties\":{");
            int start = sb.length();
            if (p.payloadUtf8()) {
                sb.append("\"payload-format-indicator\":1,");
            }
            if (p.hasMessageExpiry()) {
                sb.append("\"message-expiry-interval\":").append(p.messageExpiryInterval()).append(',');
            }
            field(sb, "content-type", p.contentType());
            field(sb, "response-topic", p.responseTopic());
            if (p.correlationData() != null) {
                field(sb, "correlation-data", p.correlationData().toUtf8String());
            }
            if (!m.subscriptionIdentifiers().isEmpty()) {
                sb.append("\"subscription-identifiers\":").append(m.subscriptionIdentifiers()).append(',');
            }
            userProperties(sb, p);
            if (sb.length() > start) {
                sb.setLength(sb.length() - 1);
            }
            sb.append('}');
        }
        sb.append('}');
    }

    private static void userProperties(StringBuilder sb, PublishProperties p) {
        if (p.userProperties().isEmpty()) {
            return;
        }
        sb.append("\"user-properties\":[");
        for (UserProperty up : p.userProperties()) {
            sb.append('{');
            str(sb, up.name());
            sb.append(':');
            str(sb, up.value());
            sb.append("},");
        }
        sb.setLength(sb.length() - 1);
        sb.append("],");
    }

    private static void field(StringBuilder sb, String name, String value) {
        if (value != null) {
            str(sb, name);
            sb.append(':');
            str(sb, value);
            sb.append(',');
        }
    }

    /** Appends {@code s} as a JSON string literal (RFC 8259 escapes). */
    static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
