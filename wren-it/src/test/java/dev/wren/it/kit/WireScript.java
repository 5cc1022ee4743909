package dev.wren.it.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed wire script: a file of cases, each a list of send/expect steps (the model is
 * Mosquitto's {@code test/broker/data/*.json}).
 *
 * <pre>
 * # comment
 * case MQTT-3.1.0-1 a first packet other than CONNECT closes the connection
 * send c0 00
 * expect-closed
 *
 * case MQTT-3.12.4-1 PINGREQ is answered with PINGRESP
 * connect 4                      # CONNECT (3.1.1, clean, keep alive 60) + expect a success CONNACK
 * send c0 00
 * expect d0 00                   # bytes of one whole packet; ?? = any byte, * = any rest
 * expect-nothing 200ms
 * expect-disconnect 81           # MQTT 5: DISCONNECT with this reason code, then close
 * skip broker: why — see docs/conformance.md   # the case is reported as skipped
 * </pre>
 */
public record WireScript(String file, List<Case> cases) {

    /** One case: its name starts with the statement id it verifies. */
    public record Case(String name, int line, List<Step> steps, String skipReason) {
        public String displayName() {
            int space = name.indexOf(' ');
            return space < 0 ? "[" + name + "]" : "[" + name.substring(0, space) + "]" + name.substring(space);
        }
    }

    public sealed interface Step {
        int line();
    }

    public record Send(int line, byte[] bytes) implements Step {}

    /** One whole packet matching {@code pattern}: hex bytes, {@code null} for "??", ending in "*" if {@code anyRest}. */
    public record Expect(int line, List<Integer> pattern, boolean anyRest, String text) implements Step {}

    public record ExpectClosed(int line) implements Step {}

    public record ExpectNothing(int line, Duration quiet) implements Step {}

    public record ExpectDisconnect(int line, int reasonCode) implements Step {}

    /** CONNECT with protocol level 3, 4 or 5 and a success CONNACK. */
    public record ConnectStep(int line, int level, String clientId) implements Step {}

    public static WireScript parse(String file, String text) {
        List<Case> cases = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        String name = null;
        int caseLine = 0;
        String skip = null;
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            String word = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String arg = line.length() > word.length() ? line.substring(word.length()).strip() : "";
            if (word.equals("case")) {
                if (name != null) {
                    cases.add(new Case(name, caseLine, List.copyOf(steps), skip));
                }
                if (arg.isEmpty() || !names.add(arg)) {
                    throw error(file, n, "case needs a unique name starting with its statement id");
                }
                name = arg;
                caseLine = n;
                skip = null;
                steps.clear();
                continue;
            }
            if (name == null) {
                throw error(file, n, "step before the first 'case'");
            }
            switch (word) {
                case "send" -> steps.add(new Send(n, Hex.bytes(arg)));
                case "expect" -> steps.add(parseExpect(file, n, arg));
                case "expect-closed" -> steps.add(new ExpectClosed(n));
                case "expect-nothing" -> steps.add(new ExpectNothing(n, parseDuration(file, n, arg)));
                case "expect-disconnect" -> steps.add(new ExpectDisconnect(n, Integer.parseInt(arg, 16)));
                case "connect" -> {
                    String[] parts = arg.split("\\s+");
                    int level = Integer.parseInt(parts[0]);
                    if (level < 3 || level > 5) {
                        throw error(file, n, "connect takes protocol level 3, 4 or 5");
                    }
                    steps.add(new ConnectStep(n, level, parts.length > 1 ? parts[1] : "wire-client"));
                }
                case "skip" -> skip = arg;
                default -> throw error(file, n, "unknown step '" + word + "'");
            }
        }
        if (name != null) {
            cases.add(new Case(name, caseLine, List.copyOf(steps), skip));
        }
        return new WireScript(file, List.copyOf(cases));
    }

    private static Expect parseExpect(String file, int n, String arg) {
        String[] tokens = arg.split("\\s+");
        List<Integer> pattern = new ArrayList<>();
        boolean anyRest = false;
        for (int t = 0; t < tokens.length; t++) {
            String tok = tokens[t];
            if (tok.equals("*")) {
                if (t != tokens.length - 1) {
                    throw error(file, n, "'*' must be the last token");
                }
                anyRest = true;
            } else if (tok.equals("??")) {
                pattern.add(null);
            } else if (tok.matches("[0-9a-fA-F]{2}")) {
                pattern.add(Integer.parseInt(tok, 16));
            } else {
                throw error(file, n, "bad expect token '" + tok + "'");
            }
        }
        return new Expect(n, java.util.Collections.unmodifiableList(pattern), anyRest, arg);
    }

    private static Duration parseDuration(String file, int n, String arg) {
        if (arg.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(arg.substring(0, arg.length() - 2)));
        }
        if (arg.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(arg.substring(0, arg.length() - 1)));
        }
        throw error(file, n, "duration must end in ms or s: " + arg);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static IllegalArgumentException error(String file, int line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }

    /** Whether a received packet matches an expect step. */
    public static boolean matches(Expect e, byte[] frame) {
        if (e.anyRest() ? frame.length < e.pattern().size() : frame.length != e.pattern().size()) {
            return false;
        }
        for (int i = 0; i < e.pattern().size(); i++) {
            Integer want = e.pattern().get(i);
            if (want != null && want != (frame[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** The standard CONNECT of a {@code connect} step: clean session, keep alive 60 s, no properties. */
    public static byte[] connectBytes(int level, String clientId) {
        byte[] id = clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        String protocol = level == 3 ? "MQIsdp" : "MQTT";
        body.write(0);
        body.write(protocol.length());
        body.writeBytes(protocol.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.write(level);
        body.write(0x02); // clean session / clean start
        body.write(0);
        body.write(60); // keep alive
        if (level == 5) {
            body.write(0); // no properties
        }
        body.write(id.length >> 8);
        body.write(id.length & 0xFF);
        body.writeBytes(id);
        byte[] b = body.toByteArray();
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(b.length); // < 128 for any sensible test client id
        packet.writeBytes(b);
        return packet.toByteArray();
    }
}
