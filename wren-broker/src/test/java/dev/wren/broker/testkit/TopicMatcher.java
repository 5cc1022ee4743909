package dev.wren.broker.testkit;

/**
 * The reference oracle for topic matching: obviously correct rather than fast, in the style of
 * rumqttd's {@code protocol::matches}. Every index and store is checked against it.
 */
public final class TopicMatcher {

    private TopicMatcher() {}

    /** True if the validated topic name matches the validated (non-shared) topic filter. */
    public static boolean matches(String topic, String filter) {
        // [MQTT-4.7.2-1] A filter starting with a wildcard does not match a topic starting with '$'.
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        // The limit -1 keeps trailing empty levels: "a/" has the two levels "a" and "".
        String[] topicLevels = topic.split("/", -1);
        String[] filterLevels = filter.split("/", -1);
        for (int i = 0; i < filterLevels.length; i++) {
            String level = filterLevels[i];
            if (level.equals("#")) {
                return true; // also when the topic ends at the parent level (section 4.7.1.2, no statement id)
            }
            if (i >= topicLevels.length) {
                return false;
            }
            if (!level.equals("+") && !level.equals(topicLevels[i])) {
                return false;
            }
        }
        return topicLevels.length == filterLevels.length;
    }
}
