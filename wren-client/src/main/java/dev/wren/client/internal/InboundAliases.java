package dev.wren.client.internal;

/**
 * Topic Aliases the server assigns to PUBLISH packets it sends us (MQTT 5.0 3.3.2.3.4).
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class InboundAliases {
    private String[] topics = new String[0];

    /** Forgets every alias and accepts aliases 1..{@code maximum} on the new connection. */
    void reset(int maximum) {
        topics = new String[maximum + 1];
    }

    /**
     * The topic for a PUBLISH with {@code topic} (possibly empty) and {@code alias} (0 if none),
     * or {@code null} when the alias is above our maximum [MQTT-3.3.2-11] (we accept 1..maximum
     * [MQTT-3.3.2-10]) or unknown (3.3.2.3.4, no statement id). Alias 0 never gets here: the codec
     * refuses it [MQTT-3.3.2-8].
     */
    String resolve(String topic, int alias) {
        if (alias == 0) {
            return topic.isEmpty() ? null : topic;
        }
        if (alias >= topics.length) {
            return null;
        }
        if (!topic.isEmpty()) {
            topics[alias] = topic;
            return topic;
        }
        return topics[alias];
    }
}
