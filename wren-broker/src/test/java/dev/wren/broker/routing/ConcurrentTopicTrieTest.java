package dev.wren.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrentTopicTrieTest extends AbstractTopicIndexContractTest {

    @Override
    protected TopicIndex<String, Sub> newIndex() {
        return new ConcurrentTopicTrie<>();
    }

    private ConcurrentTopicTrie<String, Sub> trie() {
        return (ConcurrentTopicTrie<String, Sub>) index();
    }

    @Test
    void nodeCount_empty_onlyRoot() {
        assertThat(trie().nodeCount()).isEqualTo(1);
    }

    @Test
    void nodeCount_subscribe_oneNodePerLevel() {
        trie().subscribe("a/b/c", "s1", new Sub("s1", 0));
        trie().subscribe("a/+/c", "s1", new Sub("s1", 0));
        trie().subscribe("a/#", "s1", new Sub("s1", 0));

        // root, a, b, b/c, +, +/c, #
        assertThat(trie().nodeCount()).isEqualTo(7);
    }

    @Test
    void unsubscribe_lastOfBranch_prunesOnlyEmptyNodes() {
        trie().subscribe("a/b", "s1", new Sub("s1", 0));
        trie().subscribe("a/b/c/d", "s1", new Sub("s1", 0));

        trie().unsubscribe("a/b/c/d", "s1");

        assertThat(trie().nodeCount()).isEqualTo(3); // root, a, b: b still holds a subscription
        assertThat(matches("a/b")).containsExactly(new Sub("s1", 0));
    }

    @Test
    void unsubscribe_everything_leavesOnlyRoot() {
        List<String> filters = List.of("a", "a/b", "a//b", "/", "#", "+", "+/+/#", "$SYS/#", "a/+/c/#", "a/b/");
        for (String filter : filters) {
            trie().subscribe(filter, "s1", new Sub("s1", 0));
            trie().subscribe(filter, "s2", new Sub("s2", 0));
        }

        for (String filter : filters) {
            trie().unsubscribe(filter, "s2");
            trie().unsubscribe(filter, "s1");
        }

        assertThat(trie().nodeCount()).isEqualTo(1);
        assertThat(trie().isEmpty()).isTrue();
    }

    @Test
    void unsubscribe_missingKey_keepsNodes() {
        trie().subscribe("a/b", "s1", new Sub("s1", 0));

        trie().unsubscribe("a/b", "s2");
        trie().unsubscribe("a/b/c", "s1");

        assertThat(trie().nodeCount()).isEqualTo(3);
    }

    @Test
    void subscribe_afterPruning_recreatesBranch() {
        trie().subscribe("a/b/c", "s1", new Sub("s1", 0));
        trie().unsubscribe("a/b/c", "s1");

        trie().subscribe("a/b/c", "s1", new Sub("s1", 1));

        assertThat(matches("a/b/c")).containsExactly(new Sub("s1", 1));
        assertThat(trie().nodeCount()).isEqualTo(4);
    }

    @Test
    void match_deepExactFilter_walksWithoutRecursion() {
        String deep = "a/".repeat(20_000) + "end";
        trie().subscribe(deep, "s1", new Sub("s1", 0));
        trie().subscribe("a/#", "s2", new Sub("s2", 0));

        assertThat(matches(deep)).containsExactlyInAnyOrder(new Sub("s1", 0), new Sub("s2", 0));
        assertThat(trie().unsubscribe(deep, "s1")).isTrue();
        assertThat(trie().nodeCount()).isEqualTo(3);
    }

    @Test
    void constructor_thresholdBelowOne_throws() {
        assertThatThrownBy(() -> new ConcurrentTopicTrie<String, Sub>(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
