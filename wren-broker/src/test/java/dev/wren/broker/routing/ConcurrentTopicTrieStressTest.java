package dev.wren.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.testkit.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many threads subscribing, unsubscribing and matching on the same branches. Nothing here depends on
 * timing: each operation's result is known in advance (a thread only touches its own key), the final
 * state is fixed, and a subscription that never changes must be seen by every match.
 */
class ConcurrentTopicTrieStressTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 2_000;
    private static final List<String> FILTERS =
            List.of("a/b/c/d", "a/b/c", "a/b/+/d", "a/#", "a/b/c/d/e", "+/b/#", "a/b", "a/+/c/d");

    @Test
    void subscribeAndUnsubscribe_racingOnSharedBranches_loseNothingAndLeakNoNode() throws Exception {
        // A threshold of 2 makes the subscriber set of each node flip between array and map form too.
        ConcurrentTopicTrie<String, String> trie = new ConcurrentTopicTrie<>(2);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        Concurrently.run(THREADS, t -> {
            String key = "k" + t;
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < FILTERS.size(); i++) {
                    String filter = FILTERS.get((i + t) % FILTERS.size());
                    if (!trie.subscribe(filter, key, key)) {
                        failures.add("subscribe " + filter + " " + key + " found an entry");
                    }
                }
                for (int i = 0; i < FILTERS.size(); i++) {
                    String filter = FILTERS.get((i + round) % FILTERS.size());
                    if (!trie.unsubscribe(filter, key)) {
                        failures.add("unsubscribe " + filter + " " + key + " found nothing: lost");
                    }
                }
            }
            for (int i = 0; i < FILTERS.size(); i++) {
                if ((i + t) % 2 == 0) {
                    trie.subscribe(FILTERS.get(i), key, key);
                }
            }
        });

        assertThat(failures).isEmpty();
        ListScanTopicIndex<String, String> model = new ListScanTopicIndex<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < FILTERS.size(); i++) {
                if ((i + t) % 2 == 0) {
                    model.subscribe(FILTERS.get(i), "k" + t, "k" + t);
                }
            }
        }
        assertThat(trie.size()).isEqualTo(model.size());
        for (String topic : List.of("a/b/c/d", "a/b/c", "a/b", "a/b/c/d/e", "x/b/y", "a/x/c/d")) {
            assertThat(matches(trie, topic)).as(topic).containsExactlyInAnyOrderElementsOf(matches(model, topic));
        }
        for (int t = 0; t < THREADS; t++) {
            for (String filter : FILTERS) {
                trie.unsubscribe(filter, "k" + t);
            }
        }
        assertThat(trie.nodeCount()).isEqualTo(1);
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    void match_duringChurnOnSameNodes_alwaysSeesStableSubscriptionsExactlyOnce() throws Exception {
        ConcurrentTopicTrie<String, String> trie = new ConcurrentTopicTrie<>(2);
        trie.subscribe("a/b/c/d", "stable", "stable-exact");
        trie.subscribe("a/+/c/#", "stable", "stable-wildcard");
        List<String> expected = List.of("stable-exact", "stable-wildcard");
        AtomicBoolean churning = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<String> churnFilters = List.of("a/b/c/d", "a/+/c/#", "a/b/c/d/e", "a/b/c", "a/+/c/d/#");

        Concurrently.run(3, t -> {
            if (t == 0) {
                // The matcher: the churn may or may not be seen, the stable subscriptions always once.
                while (churning.get()) {
                    List<String> seen = new ArrayList<>();
                    trie.match("a/b/c/d", value -> {
                        if (value.startsWith("stable")) {
                            seen.add(value);
                        }
                    });
                    if (!seen.containsAll(expected) || seen.size() != expected.size()) {
                        failures.add(seen.toString());
                    }
                }
                return;
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (String filter : churnFilters) {
                    trie.subscribe(filter, "churn" + t + "-" + (round % 3), "churn");
                }
                for (String filter : churnFilters) {
                    trie.unsubscribe(filter, "churn" + t + "-" + (round % 3));
                }
            }
            if (t == 1) {
                churning.set(false);
            }
        });

        assertThat(failures).isEmpty();
        assertThat(trie.size()).isEqualTo(2);
    }

    private static List<String> matches(TopicIndex<String, String> index, String topic) {
        List<String> matched = new ArrayList<>();
        index.match(topic, matched::add);
        return matched;
    }
}
