package dev.wren.codec;

/**
 * Validation of topic names and topic filters (MQTT 5.0 section 4.7, 3.1.1 section 4.7).
 *
 * <p>Each method returns {@code null} when the string is valid and otherwise a short message
 * naming the rule broken, so callers decide whether that is a malformed packet, a reason code
 * in an acknowledgement or a command-line error. String-level rules (well-formed UTF-8, no
 * U+0000) are the decoder's job and are not repeated here.
 */
public final class Topics {
    /** Prefix of a shared subscription filter [MQTT-4.8.2]. */
    public static final String SHARE_PREFIX = "$share/";

    private Topics() {}

    /** Checks a topic name: at least one character, no wildcards [MQTT-4.7.3-1], [MQTT-3.3.2-2]. */
    public static String checkName(String topic) {
        if (topic.isEmpty()) {
            return "topic name is empty [MQTT-4.7.3-1]";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                return "topic name contains wildcard '" + c + "' [MQTT-3.3.2-2]";
            }
        }
        return null;
    }

    /**
     * Checks a topic filter, including the {@code $share/{ShareName}/{filter}} form:
     * non-empty [MQTT-4.7.3-1], {@code #} alone and last [MQTT-4.7.1-1], {@code +} alone in
     * its level [MQTT-4.7.1-2], share name non-empty without wildcards or '/' [MQTT-4.8.2-1],
     * [MQTT-4.8.2-2].
     */
    public static String checkFilter(String filter) {
        if (filter.isEmpty()) {
            return "topic filter is empty [MQTT-4.7.3-1]";
        }
        if (filter.startsWith(SHARE_PREFIX)) {
            int slash = filter.indexOf('/', SHARE_PREFIX.length());
            if (slash < 0) {
                return "shared subscription needs $share/{ShareName}/{filter} [MQTT-4.8.2-2]";
            }
            String shareName = filter.substring(SHARE_PREFIX.length(), slash);
            if (shareName.isEmpty()) {
                return "shared subscription has an empty ShareName [MQTT-4.8.2-1]";
            }
            if (shareName.indexOf('+') >= 0 || shareName.indexOf('#') >= 0) {
                return "ShareName must not contain wildcards [MQTT-4.8.2-2]";
            }
            String rest = filter.substring(slash + 1);
            if (rest.isEmpty()) {
                return "shared subscription has an empty topic filter [MQTT-4.8.2-2]";
            }
            return checkPlainFilter(rest);
        }
        return checkPlainFilter(filter);
    }

    private static String checkPlainFilter(String filter) {
        int levelStart = 0;
        int n = filter.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || filter.charAt(i) == '/') {
                String bad = checkLevel(filter, levelStart, i);
                if (bad != null) {
                    return bad;
                }
                levelStart = i + 1;
            }
        }
        return null;
    }

    private static String checkLevel(String filter, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = filter.charAt(i);
            if (c == '#') {
                if (to - from != 1) {
                    return "'#' must occupy a whole level [MQTT-4.7.1-1]";
                }
                if (to != filter.length()) {
                    return "'#' must be the last level [MQTT-4.7.1-1]";
                }
            } else if (c == '+' && to - from != 1) {
                return "'+' must occupy a whole level [MQTT-4.7.1-2]";
            }
        }
        return null;
    }

    /** Whether a (valid) filter contains {@code +} or {@code #}. */
    public static boolean hasWildcard(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }
}
