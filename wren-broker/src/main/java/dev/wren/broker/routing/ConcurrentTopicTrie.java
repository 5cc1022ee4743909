package dev.wren.broker.routing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link TopicIndex} stored as a trie of filter levels, matched without locks.
 *
 * <p>Each node is one filter level; a subscription lives in the node where its filter ends. Matching
 * walks the topic name by indexes, following at each level the literal child, the {@code +} child and
 * the {@code #} child, so its cost depends on the number of trie nodes that match the topic, not on the
 * number of subscriptions. It allocates nothing except what the sink does, unless a node holds more
 * than {@code largeNodeThreshold} subscriptions (then one iterator for that node).
 *
 * <p>Thread-safety: all methods may be called from any number of threads at once. {@link #match} takes
 * no lock and never blocks: it reads volatile fields, a lock-free child table and copy-on-write
 * subscriber arrays. A match that runs concurrently with a subscribe or unsubscribe may or may not see
 * that change, but always sees every subscription that exists throughout the match, exactly once.
 * Writers lock only the nodes they change: a subscribe locks the parent of each node it creates and then
 * the node of its filter, one at a time; an unsubscribe locks the node of its filter, then prunes by
 * holding a parent's and then its child's monitor (always in that order, so writers cannot deadlock).
 *
 * <p>Pruning removes nodes that have neither subscriptions nor children. A pruned node is flagged
 * {@code removed} under its monitor at the moment it is unlinked, and no subscription or child is ever
 * added to a flagged node: a writer that reaches one starts again from the root. Hence a node that is
 * not flagged is still linked to its parent, whose own flag is then clear too, up to the root: a
 * subscription added to an unflagged node is reachable, and no concurrent prune can lose it.
 *
 * <p>Matching recurses once per {@code +} level in a matching filter; callers bound the number of topic
 * levels they accept if a deep filter such as {@code +/+/+/...} must not exhaust a thread's stack.
 *
 * @param <K> subscriber key type, compared with {@code equals}
 * @param <S> subscription value type
 */
public final class ConcurrentTopicTrie<K, S> implements TopicIndex<K, S> {

    /** Default largest number of subscriptions per filter kept in a copy-on-write array. */
    public static final int DEFAULT_LARGE_NODE_THRESHOLD = 32;

    private final TrieNode<K, S> root = new TrieNode<>(null, "");
    private final AtomicInteger size = new AtomicInteger();
    private final int largeNodeThreshold;

    /** Creates an empty trie with {@link #DEFAULT_LARGE_NODE_THRESHOLD}. */
    public ConcurrentTopicTrie() {
        this(DEFAULT_LARGE_NODE_THRESHOLD);
    }

    /**
     * Creates an empty trie.
     *
     * @param largeNodeThreshold the number of subscriptions on one filter above which they are kept in a
     *     concurrent map rather than a copy-on-write array: subscribing to a popular filter then costs
     *     O(1) instead of a copy of all its subscribers; at least 1
     */
    public ConcurrentTopicTrie(int largeNodeThreshold) {
        if (largeNodeThreshold < 1) {
            throw new IllegalArgumentException("largeNodeThreshold must be at least 1: " + largeNodeThreshold);
        }
        this.largeNodeThreshold = largeNodeThreshold;
    }

    @Override
    public boolean subscribe(String filter, K key, S subscription) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subscription, "subscription");
        for (;;) {
            TrieNode<K, S> node = descendOrCreate(filter);
            if (node == null) {
                continue; // a node on the path was pruned meanwhile
            }
            boolean added;
            synchronized (node) {
                if (node.isRemovedLocked()) {
                    continue;
                }
                added = node.putLocked(key, subscription, largeNodeThreshold);
            }
            if (added) {
                size.incrementAndGet();
            }
            return added;
        }
    }

    @Override
    public boolean unsubscribe(String filter, K key) {
        Objects.requireNonNull(key, "key");
        for (;;) {
            TrieNode<K, S> node = find(filter);
            if (node == null) {
                return false;
            }
            synchronized (node) {
                if (node.isRemovedLocked()) {
                    continue; // pruned meanwhile: look up the node that replaced it, if any
                }
                if (!node.removeLocked(key, largeNodeThreshold)) {
                    return false;
                }
            }
            size.decrementAndGet();
            prune(node);
            return true;
        }
    }

    @Override
    public void match(String topicName, Consumer<? super S> sink) {
        Objects.requireNonNull(sink, "sink");
        // [MQTT-4.7.2-1] A filter starting with a wildcard does not match a topic starting with '$'.
        boolean rootWildcards = topicName.isEmpty() || topicName.charAt(0) != '$';
        walk(root, topicName, 0, rootWildcards, sink);
    }

    @Override
    public int size() {
        return size.get();
    }

    /** Number of trie nodes including the root; exact only while no writer runs. For tests. */
    int nodeCount() {
        int count = 0;
        Deque<TrieNode<K, S>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            count++;
            pending.pop().forEachChild(pending::push);
        }
        return count;
    }

    /**
     * Matches the topic levels from index {@code from} on against the subtree of {@code node}. A level
     * runs from {@code from} to the next '/' or the end; {@code from == length + 1} means no level is left.
     * Loops along literal children and recurses only into {@code +} children.
     */
    private static <K, S> void walk(
            TrieNode<K, S> node, String topic, int from, boolean wildcards, Consumer<? super S> sink) {
        int length = topic.length();
        while (from <= length) {
            int end = topic.indexOf('/', from);
            if (end < 0) {
                end = length;
            }
            if (wildcards) {
                // '#' matches this level and all the remaining ones (5.0 section 4.7.1.2, no statement id).
                TrieNode<K, S> hash = node.hash();
                if (hash != null) {
                    hash.forEachSubscriber(sink);
                }
                // '+' matches exactly this one level, empty or not (5.0 section 4.7.1.3, no statement id).
                TrieNode<K, S> plus = node.plus();
                if (plus != null) {
                    walk(plus, topic, end + 1, true, sink);
                }
            }
            node = node.literal(topic, from, end);
            if (node == null) {
                return;
            }
            from = end + 1;
            wildcards = true;
        }
        node.forEachSubscriber(sink);
        // '#' also matches the parent level: "sport/#" matches "sport" (5.0 section 4.7.1.2, no statement id).
        TrieNode<K, S> hash = node.hash();
        if (hash != null) {
            hash.forEachSubscriber(sink);
        }
    }

    /** Lock-free lookup of the node of a filter, or null if it does not exist. Package-private for tests. */
    TrieNode<K, S> find(String filter) {
        TrieNode<K, S> node = root;
        int length = filter.length();
        for (int from = 0; from <= length && node != null; ) {
            int end = levelEnd(filter, from);
            node = node.child(filter, from, end);
            from = end + 1;
        }
        return node;
    }

    /** The node of a filter, created if needed, or null if a node on the way was pruned meanwhile. */
    private TrieNode<K, S> descendOrCreate(String filter) {
        TrieNode<K, S> node = root;
        int length = filter.length();
        for (int from = 0; from <= length; ) {
            int end = levelEnd(filter, from);
            TrieNode<K, S> child = node.child(filter, from, end);
            if (child == null) {
                child = node.childOrCreate(filter.substring(from, end));
                if (child == null) {
                    return null;
                }
            }
            node = child;
            from = end + 1;
        }
        return node;
    }

    /** Unlinks {@code node} and then each ancestor, for as long as they are empty. */
    private static <K, S> void prune(TrieNode<K, S> node) {
        for (TrieNode<K, S> child = node; child.parent != null; child = child.parent) {
            TrieNode<K, S> parent = child.parent;
            synchronized (parent) {
                synchronized (child) {
                    if (child.isRemovedLocked() || !child.isEmptyLocked()) {
                        return;
                    }
                    parent.detachLocked(child);
                }
            }
        }
    }

    private static int levelEnd(String s, int from) {
        int end = s.indexOf('/', from);
        return end < 0 ? s.length() : end;
    }
}
