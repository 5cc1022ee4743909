package dev.wren.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.testkit.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Replays, in a fixed order, the races between pruning and a concurrent writer: the test holds a node's
 * monitor so that the contender stops exactly where the race would hit it, prunes that node, then lets
 * the contender go on. The outcome is checked on the final state only.
 */
class ConcurrentTopicTrieRaceTest {

    private final ConcurrentTopicTrie<String, String> trie = new ConcurrentTopicTrie<>();

    @Test
    @DisplayName("subscribe into a leaf that is pruned before it locks the leaf: retried, not lost")
    void subscribe_leafPrunedWhileWaitingForItsLock_subscriptionKept() throws Exception {
        trie.subscribe("a/b", "s1", "s1");
        TrieNode<String, String> leaf = trie.find("a/b");
        FutureTask<Boolean> contender;
        synchronized (leaf) {
            contender = Concurrently.startAndAwaitBlocked(() -> trie.subscribe("a/b", "s2", "s2"));
            assertThat(trie.unsubscribe("a/b", "s1")).isTrue(); // prunes a/b and a under the contender
            assertThat(leaf.isRemovedLocked()).isTrue();
        }

        assertThat(Concurrently.await(contender)).isTrue();
        assertThat(matches("a/b")).containsExactly("s2");
        assertThat(trie.find("a/b")).isNotSameAs(leaf);
        assertThat(trie.nodeCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("subscribe that creates a child under a node being pruned: retried from the root")
    void subscribe_parentPrunedWhileCreatingChild_subscriptionKept() throws Exception {
        trie.subscribe("a/b", "s1", "s1");
        TrieNode<String, String> parent = trie.find("a/b");
        FutureTask<Boolean> contender;
        synchronized (parent) {
            contender = Concurrently.startAndAwaitBlocked(() -> trie.subscribe("a/b/c", "s2", "s2"));
            trie.unsubscribe("a/b", "s1");
            assertThat(parent.isRemovedLocked()).isTrue();
        }

        assertThat(Concurrently.await(contender)).isTrue();
        assertThat(matches("a/b/c")).containsExactly("s2");
        assertThat(trie.nodeCount()).isEqualTo(4);
        trie.unsubscribe("a/b/c", "s2");
        assertThat(trie.nodeCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("unsubscribe that finds a pruned node: looks again and removes from its replacement")
    void unsubscribe_nodePrunedAndRecreatedWhileWaiting_removesFromNewNode() throws Exception {
        trie.subscribe("a/b", "s1", "s1");
        TrieNode<String, String> old = trie.find("a/b");
        FutureTask<Boolean> contender;
        synchronized (old) {
            contender = Concurrently.startAndAwaitBlocked(() -> trie.unsubscribe("a/b", "s2"));
            trie.unsubscribe("a/b", "s1");
            trie.subscribe("a/b", "s2", "s2"); // lands in a new node, since the old one is flagged
        }

        assertThat(Concurrently.await(contender)).isTrue();
        assertThat(trie.isEmpty()).isTrue();
        assertThat(trie.nodeCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("prune that reaches a parent which gained a child meanwhile: stops there")
    void unsubscribe_parentGainsChildDuringPrune_parentKept() throws Exception {
        trie.subscribe("a/b/c", "s1", "s1");
        TrieNode<String, String> a = trie.find("a");
        FutureTask<Boolean> contender;
        synchronized (a) {
            // The pruner unlinks c, then waits for a's monitor to check b.
            contender = Concurrently.startAndAwaitBlocked(() -> trie.unsubscribe("a/b/c", "s1"));
            trie.subscribe("a/b/d", "s2", "s2");
        }

        assertThat(Concurrently.await(contender)).isTrue();
        assertThat(matches("a/b/d")).containsExactly("s2");
        assertThat(trie.nodeCount()).isEqualTo(4); // root, a, b, d
    }

    private List<String> matches(String topic) {
        List<String> matched = new ArrayList<>();
        trie.match(topic, matched::add);
        return matched;
    }
}
