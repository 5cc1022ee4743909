package dev.wren.broker.retained;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetainedTrieTest extends AbstractRetainedStoreContractTest {

    @Override
    protected RetainedStore<String> newStore() {
        return new RetainedTrie<>();
    }

    private RetainedTrie<String> trie() {
        return (RetainedTrie<String>) store();
    }

    @Test
    void remove_everything_leavesOnlyRoot() {
        String[] topics = {"a", "a/b", "a//b", "/", "$SYS/x", "a/b/", "x/y/z"};
        for (String topic : topics) {
            trie().put(topic, topic);
        }

        for (String topic : topics) {
            trie().remove(topic);
        }

        assertThat(trie().nodeCount()).isEqualTo(1);
        assertThat(trie().size()).isZero();
    }

    @Test
    void remove_leafBelowRetainedParent_keepsParentNode() {
        trie().put("a/b", "mab");
        trie().put("a/b/c/d", "mabcd");

        trie().remove("a/b/c/d");

        assertThat(trie().nodeCount()).isEqualTo(3);
        assertThat(trie().get("a/b")).isEqualTo("mab");
    }

    @Test
    void removeIf_everything_leavesOnlyRoot() {
        for (int i = 0; i < 100; i++) {
            trie().put("t/" + i + "/x", "m" + i);
        }

        trie().removeIf(message -> true);

        assertThat(trie().nodeCount()).isEqualTo(1);
        assertThat(trie().size()).isZero();
    }

    @Test
    void match_deepTopic_doesNotOverflowTheStack() {
        String deep = "a/".repeat(20_000) + "end";
        trie().put(deep, "deep");

        assertThat(matches("#")).containsExactly("deep");
        assertThat(matches("a/#")).containsExactly("deep");
        assertThat(trie().get(deep)).isEqualTo("deep");
    }
}
