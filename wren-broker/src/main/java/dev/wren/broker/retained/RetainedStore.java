package dev.wren.broker.retained;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The retained messages of a broker, at most one per topic name, queried by topic filter.
 *
 * <p>The store knows nothing of message content: deleting a retained message when a PUBLISH with an
 * empty payload arrives (MQTT 5 [MQTT-3.3.1-6], 3.1.1 [MQTT-3.3.1-10]), and message expiry, are the caller's job (see
 * {@link #removeIf}).
 *
 * <p>Topic names and filters are expected to be validated by the caller. Matching follows the same
 * rules as subscription matching (MQTT section 4.7): {@code +} matches one level, {@code #} its parent
 * and any number of levels, and a filter starting with a wildcard does not match a topic starting
 * with {@code $} [MQTT-4.7.2-1].
 *
 * <p>Implementations state their thread-safety in their own Javadoc.
 *
 * @param <M> the retained message type
 */
public interface RetainedStore<M> {

    /** Stores {@code message} as the retained message of {@code topic}, replacing any previous one. */
    void put(String topic, M message);

    /** Removes the retained message of {@code topic}, if any. */
    void remove(String topic);

    /** Returns the retained message of {@code topic}, or {@code null} if there is none. */
    M get(String topic);

    /**
     * Hands every retained message whose topic matches {@code filter} to the sink, in no particular
     * order. This is what a new subscription receives (MQTT 5 [MQTT-3.3.1-9], 3.1.1 [MQTT-3.3.1-6]).
     *
     * @param filter a validated topic filter, without any {@code $share/group/} prefix
     * @param sink receives each matching message, on the calling thread
     */
    void match(String filter, Consumer<? super M> sink);

    /** Removes every retained message for which {@code condition} is true, e.g. the expired ones. */
    void removeIf(Predicate<? super M> condition);

    /** Returns the number of retained messages. */
    int size();
}
