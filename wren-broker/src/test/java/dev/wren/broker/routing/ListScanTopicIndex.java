package dev.wren.broker.routing;

import dev.wren.broker.testkit.TopicMatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The naive {@link TopicIndex}: checks every subscribed filter against the topic with the reference
 * {@link TopicMatcher}. It is the model the trie is compared with.
 *
 * <p>Thread-safety: every method is synchronized; the sink must not call back into the index.
 */
final class ListScanTopicIndex<K, S> implements TopicIndex<K, S> {

    private final Map<String, Map<K, S>> byFilter = new LinkedHashMap<>();
    private int size;

    @Override
    public synchronized boolean subscribe(String filter, K key, S subscription) {
        boolean added = byFilter.computeIfAbsent(filter, f -> new LinkedHashMap<>()).put(key, subscription) == null;
        if (added) {
            size++;
        }
        return added;
    }

    @Override
    public synchronized boolean unsubscribe(String filter, K key) {
        Map<K, S> subscribers = byFilter.get(filter);
        if (subscribers == null || subscribers.remove(key) == null) {
            return false;
        }
        if (subscribers.isEmpty()) {
            byFilter.remove(filter);
        }
        size--;
        return true;
    }

    @Override
    public synchronized void match(String topicName, Consumer<? super S> sink) {
        byFilter.forEach((filter, subscribers) -> {
            if (TopicMatcher.matches(topicName, filter)) {
                subscribers.values().forEach(sink);
            }
        });
    }

    @Override
    public synchronized int size() {
        return size;
    }
}
