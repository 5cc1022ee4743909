package dev.wren.broker.retained;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.broker.testkit.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Races between pruning and concurrent writers, replayed in a fixed order by holding a node's monitor
 * (see {@code ConcurrentTopicTrieRaceTest}), plus a churn test with a deterministic verdict.
 */
class RetainedTrieRaceTest {

    private final RetainedTrie<String> trie = new RetainedTrie<>();

    @Test
    @DisplayName("put into a node that is pruned before it locks the node: retried, not lost")
    void put_nodePrunedWhileWaitingForItsLock_messageKept() throws Exception {
        trie.put("a/b", "old");
        RetainedNode<String> node = trie.find("a/b");
        FutureTask<Object> contender;
        synchronized (node) {
            contender = Concurrently.startAndAwaitBlocked(() -> {
                trie.put("a/b", "new");
                return null;
            });
            trie.remove("a/b"); // prunes a/b and a under the contender
            assertThat(node.isRemovedLocked()).isTrue();
        }

        Concurrently.await(contender);
        assertThat(trie.get("a/b")).isEqualTo("new");
        assertThat(trie.size()).isEqualTo(1);
        assertThat(trie.nodeCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("put that creates a child under a node being pruned: retried from the root")
    void put_parentPrunedWhileCreatingChild_messageKept() throws Exception {
        trie.put("a/b", "parent");
        RetainedNode<String> parent = trie.find("a/b");
        FutureTask<Object> contender;
        synchronized (parent) {
            contender = Concurrently.startAndAwaitBlocked(() -> {
                trie.put("a/b/c", "child");
                return null;
            });
            trie.remove("a/b");
        }

        Concurrently.await(contender);
        assertThat(trie.get("a/b/c")).isEqualTo("child");
        assertThat(trie.nodeCount()).isEqualTo(4);
    }

    @Test
    @DisplayName("removeIf does not remove a message that replaced the tested one meanwhile")
    void removeIf_messageReplacedWhileTesting_keepsNewMessage() {
        trie.put("a", "old");

        trie.removeIf(message -> {
            trie.put("a", "new"); // a writer wins the race between the test and the removal
            return true;
        });

        assertThat(trie.get("a")).isEqualTo("new");
        assertThat(trie.size()).isEqualTo(1);
    }

    @Test
    void putAndRemove_racingOnSharedBranches_loseNothingAndLeakNoNode() throws Exception {
        List<String> topics = List.of("a/b/c/d", "a/b/c", "a/b", "a/b/c/d/e", "a/x/c");
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        int threads = 4;

        Concurrently.run(threads, t -> {
            for (int round = 0; round < 2_000; round++) {
                for (String topic : topics) {
                    String own = topic + "/t" + t; // a topic only this thread writes
                    trie.put(own, own);
                    if (!own.equals(trie.get(own))) {
                        failures.add("lost " + own);
                    }
                }
                for (String topic : topics) {
                    trie.remove(topic + "/t" + t);
                }
            }
            trie.put("a/b/t" + t, "final" + t);
        });

        assertThat(failures).isEmpty();
        List<String> matched = new ArrayList<>();
        trie.match("#", matched::add);
        assertThat(matched).containsExactlyInAnyOrder("final0", "final1", "final2", "final3");
        trie.removeIf(message -> true);
        assertThat(trie.nodeCount()).isEqualTo(1);
    }

    @Test
    void match_duringChurn_alwaysSeesStableMessagesOnce() throws Exception {
        trie.put("a/b/c", "stable-1");
        trie.put("a/x/c", "stable-2");
        AtomicBoolean churning = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        Concurrently.run(2, t -> {
            if (t == 0) {
                while (churning.get()) {
                    List<String> seen = new ArrayList<>();
                    trie.match("a/+/c", seen::add);
                    seen.removeIf(message -> !message.startsWith("stable"));
                    if (seen.size() != 2 || !seen.containsAll(List.of("stable-1", "stable-2"))) {
                        failures.add(seen.toString());
                    }
                }
                return;
            }
            for (int round = 0; round < 5_000; round++) {
                trie.put("a/y/c", "churn");
                trie.put("a/b/c/d", "churn");
                trie.remove("a/y/c");
                trie.remove("a/b/c/d");
            }
            churning.set(false);
        });

        assertThat(failures).isEmpty();
        assertThat(trie.size()).isEqualTo(2);
    }
}
