package dev.wren.bench;

import dev.wren.broker.routing.ConcurrentTopicTrie;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching a published topic against one million subscriptions (see {@link Population} for the mix).
 *
 * <ul>
 *   <li>{@code fewMatches}: random topics of the space, about six matching subscriptions each;
 *   <li>{@code manyMatches}: one hot topic with 1,500 matching subscriptions on six filters;
 *   <li>{@code noMatch}: a topic that shares its first three levels with subscriptions but matches none.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TopicMatchBenchmark {

    static final int SUBSCRIPTIONS = 1_000_000;
    static final String HOT_TOPIC = Population.topic(0, 0, 0, 0);
    private static final int TOPIC_MASK = 1023;

    private final ConcurrentTopicTrie<Integer, Integer> trie = new ConcurrentTopicTrie<>();
    private final String[] topics = new String[TOPIC_MASK + 1];

    /** Per-thread, so that running with several threads ({@code -t 2}) shares only the trie. */
    @State(Scope.Thread)
    public static class Cursor {
        final CountingSink sink = new CountingSink();
        int next;
    }

    @Setup(Level.Trial)
    public void populate() {
        Population population = new Population(42);
        int key = 0;
        while (key < SUBSCRIPTIONS) {
            trie.subscribe(population.filter(), key, key);
            key++;
        }
        // The hot topic: a popular exact filter (large-node form) plus popular wildcard filters.
        String[] hotFilters = {HOT_TOPIC, "region0/+/device0/metric0", "region0/building0/+/metric0",
                "region0/building0/device0/+", "region0/building0/#", "+/building0/device0/metric0"};
        for (int i = 0; i < 1_500; i++) {
            trie.subscribe(hotFilters[i < 1_000 ? 0 : 1 + i % 5], key + i, key + i);
        }
        CountingSink sink = new CountingSink();
        for (int i = 0; i < topics.length; i++) {
            topics[i] = population.topic();
            trie.match(topics[i], sink);
        }
        System.out.printf("%n%,d subscriptions; %.1f matches per random topic; %,d for the hot topic%n",
                trie.size(), sink.reset() / (double) topics.length, countMatches(HOT_TOPIC));
    }

    @Benchmark
    public int fewMatches(Cursor state) {
        trie.match(topics[state.next++ & TOPIC_MASK], state.sink);
        return state.sink.reset();
    }

    @Benchmark
    public int manyMatches(Cursor state) {
        trie.match(HOT_TOPIC, state.sink);
        return state.sink.reset();
    }

    @Benchmark
    public int noMatch(Cursor state) {
        trie.match("region1/building2/device3/unknown", state.sink);
        return state.sink.reset();
    }

    private int countMatches(String topic) {
        CountingSink sink = new CountingSink();
        trie.match(topic, sink);
        return sink.reset();
    }
}
