package dev.wren.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.testkit.TopicArbitraries;
import dev.wren.broker.testkit.TopicMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The trie against the reference oracle and the naive index, on random filters and topics. The
 * threshold is drawn too, so the array and the map form of a node's subscribers are both exercised.
 */
class TopicIndexProperties {

    private static final List<String> KEYS = List.of("s1", "s2", "s3");

    /** A subscription value that names its filter and key, so that a match can be checked exactly. */
    record Sub(String filter, String key) {}

    /** One step of a random history. */
    record Op(boolean subscribe, String filter, String key) {}

    @Property(tries = 300)
    void match_randomFiltersAndTopics_sameAsOracle(
            @ForAll("filterLists") List<String> filters,
            @ForAll("topicLists") List<String> topics,
            @ForAll @IntRange(min = 1, max = 3) int threshold) {
        ConcurrentTopicTrie<String, Sub> trie = new ConcurrentTopicTrie<>(threshold);
        List<Sub> subscribed = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Sub sub = new Sub(filters.get(i), KEYS.get(i % KEYS.size()));
            if (trie.subscribe(sub.filter(), sub.key(), sub)) {
                subscribed.add(sub);
            }
        }

        for (String topic : topics) {
            List<Sub> expected = subscribed.stream()
                    .filter(sub -> TopicMatcher.matches(topic, sub.filter()))
                    .toList();
            assertThat(matches(trie, topic)).as(topic).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Property(tries = 300)
    void unsubscribe_everythingInAnyOrder_leavesOnlyTheRoot(
            @ForAll("filterLists") List<String> filters,
            @ForAll @IntRange(min = 1, max = 3) int threshold,
            @ForAll Random random) {
        ConcurrentTopicTrie<String, Sub> trie = new ConcurrentTopicTrie<>(threshold);
        List<Sub> subscribed = new ArrayList<>();
        for (String filter : filters) {
            for (String key : KEYS) {
                Sub sub = new Sub(filter, key);
                if (trie.subscribe(filter, key, sub)) {
                    subscribed.add(sub);
                }
            }
        }
        Collections.shuffle(subscribed, random);

        for (Sub sub : subscribed) {
            assertThat(trie.unsubscribe(sub.filter(), sub.key())).isTrue();
        }

        assertThat(trie.nodeCount()).isEqualTo(1);
        assertThat(trie.isEmpty()).isTrue();
    }

    @Property(tries = 300)
    void operations_randomHistory_agreeWithNaiveIndex(
            @ForAll("histories") List<Op> history, @ForAll @IntRange(min = 1, max = 3) int threshold) {
        ConcurrentTopicTrie<String, Sub> trie = new ConcurrentTopicTrie<>(threshold);
        ListScanTopicIndex<String, Sub> model = new ListScanTopicIndex<>();

        for (Op op : history) {
            Sub sub = new Sub(op.filter(), op.key());
            boolean expected = op.subscribe()
                    ? model.subscribe(op.filter(), op.key(), sub)
                    : model.unsubscribe(op.filter(), op.key());
            boolean actual = op.subscribe()
                    ? trie.subscribe(op.filter(), op.key(), sub)
                    : trie.unsubscribe(op.filter(), op.key());
            assertThat(actual).as(op.toString()).isEqualTo(expected);
            assertThat(trie.size()).isEqualTo(model.size());
        }

        for (String topic : TopicArbitraries.allTopicsUpToThreeLevels()) {
            assertThat(matches(trie, topic)).as(topic).containsExactlyInAnyOrderElementsOf(matches(model, topic));
        }
    }

    @Provide
    Arbitrary<List<String>> filterLists() {
        return TopicArbitraries.filters().list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<String>> topicLists() {
        return TopicArbitraries.topics().list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        // Few distinct filters, so that unsubscribes often hit existing subscriptions.
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.of(true, true, false),
                        TopicArbitraries.filters().injectDuplicates(0.5),
                        Arbitraries.of(KEYS))
                .as(Op::new);
        return op.list().ofMaxSize(60);
    }

    private static List<Sub> matches(TopicIndex<String, Sub> index, String topic) {
        List<Sub> matched = new ArrayList<>();
        index.match(topic, matched::add);
        return matched;
    }
}
