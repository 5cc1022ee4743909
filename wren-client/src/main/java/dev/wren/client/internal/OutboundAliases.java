package dev.wren.client.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Automatic outbound Topic Aliases (MQTT 5.0 section 3.3.2.3.4): the first publish to a topic
 * sends the topic name together with a new alias, later publishes send only the alias, until
 * the server's Topic Alias Maximum is used up. Aliases live as long as one network connection
 * [MQTT-3.3.2-7], so {@link #reset(int)} runs on every CONNACK.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class OutboundAliases {
    private final Map<String, Integer> aliases = new HashMap<>();
    private int maximum;

    /** Forgets every alias and adopts the server's new Topic Alias Maximum. */
    void reset(int serverMaximum) {
        aliases.clear();
        maximum = serverMaximum;
    }

    /**
     * The alias for {@code topic}: positive and already known (send an empty topic), negative
     * and new (send the topic name and the absolute value), or 0 when no alias can be used.
     */
    int aliasFor(String topic) {
        Integer known = aliases.get(topic);
        if (known != null) {
            return known;
        }
        if (aliases.size() >= maximum) {
            return 0;
        }
        int alias = aliases.size() + 1;
        aliases.put(topic, alias);
        return -alias;
    }
}
