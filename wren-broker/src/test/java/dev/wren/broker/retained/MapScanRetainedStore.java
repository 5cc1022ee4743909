package dev.wren.broker.retained;

import dev.wren.broker.testkit.TopicMatcher;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The naive {@link RetainedStore}: a map from topic to message, queried by checking every topic with
 * the reference {@link TopicMatcher}. It is the model the trie is compared with.
 *
 * <p>Thread-safety: as safe as its {@link ConcurrentHashMap}; meant for single-threaded tests.
 */
final class MapScanRetainedStore<M> implements RetainedStore<M> {

    private final Map<String, M> byTopic = new ConcurrentHashMap<>();

    @Override
    public void put(String topic, M message) {
        byTopic.put(topic, message);
    }

    @Override
    public void remove(String topic) {
        byTopic.remove(topic);
    }

    @Override
    public M get(String topic) {
        return byTopic.get(topic);
    }

    @Override
    public void match(String filter, Consumer<? super M> sink) {
        byTopic.forEach((topic, message) -> {
            if (TopicMatcher.matches(topic, filter)) {
                sink.accept(message);
            }
        });
    }

    @Override
    public void removeIf(Predicate<? super M> condition) {
        byTopic.values().removeIf(condition);
    }

    @Override
    public int size() {
        return byTopic.size();
    }
}
