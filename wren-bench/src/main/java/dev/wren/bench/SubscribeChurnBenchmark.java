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
 * One SUBSCRIBE followed by the matching UNSUBSCRIBE on a trie holding one million subscriptions:
 *
 * <ul>
 *   <li>{@code existingFilter}: the filter already has a subscriber, so the cycle only copies that
 *       node's small subscriber array twice;
 *   <li>{@code newBranch}: the filter's last level is new, so the cycle creates a node and prunes it.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SubscribeChurnBenchmark {

    private static final int MASK = 1023;
    private static final Integer CHURN_KEY = -1;

    private final ConcurrentTopicTrie<Integer, Integer> trie = new ConcurrentTopicTrie<>();
    private final String[] existing = new String[MASK + 1];
    private final String[] fresh = new String[MASK + 1];
    private int next;

    @Setup(Level.Trial)
    public void populate() {
        Population population = new Population(42);
        String[] filters = new String[TopicMatchBenchmark.SUBSCRIPTIONS];
        for (int key = 0; key < filters.length; key++) {
            filters[key] = population.filter();
            trie.subscribe(filters[key], key, key);
        }
        for (int i = 0; i <= MASK; i++) {
            existing[i] = filters[population.nextInt(filters.length)];
            fresh[i] = population.topic() + "/fresh" + i;
        }
    }

    @Benchmark
    public boolean existingFilter() {
        String filter = existing[next++ & MASK];
        return trie.subscribe(filter, CHURN_KEY, CHURN_KEY) & trie.unsubscribe(filter, CHURN_KEY);
    }

    @Benchmark
    public boolean newBranch() {
        String filter = fresh[next++ & MASK];
        return trie.subscribe(filter, CHURN_KEY, CHURN_KEY) & trie.unsubscribe(filter, CHURN_KEY);
    }
}
