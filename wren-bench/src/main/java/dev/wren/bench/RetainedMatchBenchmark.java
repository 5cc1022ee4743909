package dev.wren.bench;

import dev.wren.broker.retained.RetainedTrie;
import java.util.HashMap;
import java.util.Map;
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
 * Querying 100,000 retained messages by filter, as a new subscription does. Topics are
 * {@code region<0-9>/building<0-99>/device<0-99>/metric<0-9>}, each present with probability 1/10.
 *
 * <ul>
 *   <li>{@code plusAndHash}: {@code region1/+/device5/#}, about 100 matches;
 *   <li>{@code plusLeaf}: {@code region1/building5/+/metric3}, about 10 matches;
 *   <li>{@code exactGet}: one topic by name;
 *   <li>{@code scanBaseline}: the same query as {@code plusAndHash} by testing every retained topic, which
 *       is what the trie avoids.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RetainedMatchBenchmark {

    private static final int RETAINED = 100_000;
    private static final String PLUS_AND_HASH = "region1/+/device5/#";

    private final RetainedTrie<String> trie = new RetainedTrie<>();
    private final Map<String, String> map = new HashMap<>();
    private final CountingSink sink = new CountingSink();
    private String someTopic;

    @Setup(Level.Trial)
    public void populate() {
        Population population = new Population(7);
        while (map.size() < RETAINED) {
            String topic = Population.topic(population.nextInt(10), population.nextInt(100),
                    population.nextInt(100), population.nextInt(10));
            map.put(topic, topic);
            trie.put(topic, topic);
            someTopic = topic;
        }
        trie.match(PLUS_AND_HASH, sink);
        System.out.printf("%n%,d retained; %s matches %d%n", trie.size(), PLUS_AND_HASH, sink.reset());
    }

    @Benchmark
    public int plusAndHash() {
        trie.match(PLUS_AND_HASH, sink);
        return sink.reset();
    }

    @Benchmark
    public int plusLeaf() {
        trie.match("region1/building5/+/metric3", sink);
        return sink.reset();
    }

    @Benchmark
    public String exactGet() {
        return trie.get(someTopic);
    }

    @Benchmark
    public int scanBaseline() {
        int count = 0;
        for (String topic : map.keySet()) {
            if (matchesPlusAndHash(topic)) {
                count++;
            }
        }
        return count;
    }

    /** {@code region1/+/device5/#} tested level by level, as a scanning store would. */
    private static boolean matchesPlusAndHash(String topic) {
        String[] levels = topic.split("/", -1);
        return levels.length >= 3 && levels[0].equals("region1") && levels[2].equals("device5");
    }
}
