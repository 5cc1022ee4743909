package dev.wren.broker.routing;

import java.util.function.Consumer;

/**
 * An index of non-shared subscriptions, queried by topic name.
 *
 * <p>Each subscription is stored under a (topic filter, key) pair. The key identifies the subscriber
 * (typically the session id) and is compared with {@link Object#equals(Object)}; the value is whatever
 * the caller needs at delivery time (typically a small record such as {@code (sessionId, options)}).
 * Because the key, not the value, decides identity, subscribing again with the same filter and key
 * replaces the stored value, which is what [MQTT-3.8.4-3] requires of a SUBSCRIBE whose filter is
 * identical to an existing one of the same session. Values may therefore be records whose equality
 * includes the options: it is never consulted.
 *
 * <p>Filters and topic names are expected to be validated by the caller: filters obey [MQTT-4.7.1-1]
 * ({@code #}) and [MQTT-4.7.1-2] ({@code +}) (3.1.1: [MQTT-4.7.1-2], [MQTT-4.7.1-3]) and are at least
 * one character long [MQTT-4.7.3-1]; topic names contain no wildcard [MQTT-4.7.0-1] (3.1.1:
 * [MQTT-4.7.1-1]). Shared subscriptions ({@code $share/group/filter}) are not understood here:
 * the caller strips the prefix and keeps the groups in a structure of its own.
 *
 * <p>Matching follows MQTT 3.1.1 and 5.0 section 4.7: levels are separated by {@code /} and may be
 * empty; {@code +} matches exactly one level, including an empty one; {@code #} matches its parent
 * level and any number of further levels; a filter whose first level is a wildcard does not match a
 * topic whose first level starts with {@code $} [MQTT-4.7.2-1]. Comparison is by exact character
 * sequence, without any normalization [MQTT-4.7.3-4].
 *
 * <p>Implementations state their thread-safety in their own Javadoc.
 *
 * @param <K> the subscriber key type, compared with {@code equals}
 * @param <S> the subscription value type, handed to the sink on a match
 */
public interface TopicIndex<K, S> {

    /**
     * Adds a subscription, or replaces the value of the subscription with the same filter and key.
     *
     * @param filter a validated topic filter, compared character by character
     * @param key the subscriber key, non-null
     * @param subscription the value to hand out on a match, non-null
     * @return {@code true} if no subscription with this filter and key existed, {@code false} if one was
     *     replaced
     */
    boolean subscribe(String filter, K key, S subscription);

    /**
     * Removes the subscription with exactly this filter and key. The filter is compared character by
     * character with the subscribed ones, never matched [MQTT-3.10.4-1]: unsubscribing {@code a/+}
     * does not remove {@code a/b}.
     *
     * @return {@code true} if a subscription was removed, {@code false} if there was none
     */
    boolean unsubscribe(String filter, K key);

    /**
     * Hands every subscription whose filter matches the topic name to the sink, once for each matching
     * filter. A subscriber with several overlapping filters is therefore handed out once per filter;
     * merging them (e.g. maximum QoS, [MQTT-3.3.4-2]) is the caller's job. The order is unspecified.
     *
     * <p>The sink is called on the calling thread, while the match is in progress; it must not
     * subscribe or unsubscribe on this index.
     *
     * @param topicName a validated topic name (no wildcards)
     * @param sink receives each matching subscription value
     */
    void match(String topicName, Consumer<? super S> sink);

    /** Returns the number of (filter, key) subscriptions held. */
    int size();

    /** Returns {@code true} if no subscription is held. */
    default boolean isEmpty() {
        return size() == 0;
    }
}
