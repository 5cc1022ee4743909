package dev.wren.cli;

/** Matches a topic name against a topic filter with {@code +} and {@code #} [MQTT-4.7]. */
final class TopicMatch {
    private TopicMatch() {}

    static boolean matches(String topic, String filter) {
        if (!topic.isEmpty() && topic.charAt(0) == '$' && !filter.isEmpty() && (filter.charAt(0) == '+' || filter.charAt(0) == '#')) {
            return false; // [MQTT-4.7.2-1]
        }
        String[] t = topic.split("/", -1);
        String[] f = filter.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return t.length == f.length;
    }
}
