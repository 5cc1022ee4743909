package dev.wren.broker.connection;

import dev.wren.broker.BrokerConfig;

/** The broker's limits on topic names and filters: length and number of levels. Stateless. */
final class TopicLimits {
    private TopicLimits() {}

    /** Returns {@code null} if {@code topic} is within the limits, otherwise the problem. */
    static String check(String topic, BrokerConfig cfg) {
        if (topic.length() > cfg.maxTopicLength()) {
            return "topic longer than " + cfg.maxTopicLength();
        }
        int levels = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/' && ++levels > cfg.maxTopicLevels()) {
                return "topic has more than " + cfg.maxTopicLevels() + " levels";
            }
        }
        return null;
    }
}
