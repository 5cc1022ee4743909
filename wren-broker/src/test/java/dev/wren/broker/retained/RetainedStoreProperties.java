package dev.wren.broker.retained;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.testkit.TopicArbitraries;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The retained trie against the naive map-scan store, on random histories and filters. */
class RetainedStoreProperties {

    /** One step of a random history: put a message on a topic, or remove the topic. */
    record Op(boolean put, String topic, int version) {}

    @Property(tries = 300)
    void match_randomHistoryAndFilters_sameAsNaiveStore(
            @ForAll("histories") List<Op> history, @ForAll("filterLists") List<String> filters) {
        RetainedTrie<String> trie = new RetainedTrie<>();
        MapScanRetainedStore<String> model = new MapScanRetainedStore<>();

        for (Op op : history) {
            apply(trie, op);
            apply(model, op);
            assertThat(trie.size()).as(op.toString()).isEqualTo(model.size());
            assertThat(trie.get(op.topic())).isEqualTo(model.get(op.topic()));
        }

        for (String filter : filters) {
            assertThat(matches(trie, filter)).as(filter).containsExactlyInAnyOrderElementsOf(matches(model, filter));
        }
    }

    @Property(tries = 300)
    void removeIf_thenRemoveAll_leavesOnlyTheRoot(@ForAll("histories") List<Op> history) {
        RetainedTrie<String> trie = new RetainedTrie<>();
        MapScanRetainedStore<String> model = new MapScanRetainedStore<>();
        history.forEach(op -> apply(trie, op));
        history.forEach(op -> apply(model, op));

        trie.removeIf(message -> message.hashCode() % 2 == 0);
        model.removeIf(message -> message.hashCode() % 2 == 0);

        assertThat(matches(trie, "#")).containsExactlyInAnyOrderElementsOf(matches(model, "#"));
        assertThat(trie.size()).isEqualTo(model.size());
        history.forEach(op -> trie.remove(op.topic()));
        assertThat(trie.nodeCount()).isEqualTo(1);
        assertThat(trie.size()).isZero();
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.of(true, true, false),
                        TopicArbitraries.topics().injectDuplicates(0.5),
                        Arbitraries.integers().between(0, 9))
                .as(Op::new);
        return op.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> filterLists() {
        return TopicArbitraries.filters().list().ofMinSize(1).ofMaxSize(15);
    }

    private static void apply(RetainedStore<String> store, Op op) {
        if (op.put()) {
            store.put(op.topic(), op.topic() + "#" + op.version());
        } else {
            store.remove(op.topic());
        }
    }

    private static List<String> matches(RetainedStore<String> store, String filter) {
        List<String> matched = new ArrayList<>();
        store.match(filter, matched::add);
        return matched;
    }
}
