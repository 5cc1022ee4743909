package dev.wren.broker.routing;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One filter level of a {@link ConcurrentTopicTrie}: its children and the subscriptions whose filter
 * ends here.
 *
 * <p>The wildcard children {@code +} and {@code #} have fields of their own, so a match tries them
 * without a hash lookup. Subscriptions are kept in a copy-on-write array of alternating keys and
 * values while there are at most {@code threshold} of them, and in a {@link ConcurrentHashMap} above
 * that, so that a filter with a hundred thousand subscribers does not copy its whole array on each
 * SUBSCRIBE. The array form costs no extra object per subscription, which matters for the common case
 * of one subscriber per exact filter.
 *
 * <p>Thread-safety: the methods without the {@code Locked} suffix are lock-free reads, safe at any
 * time. The {@code Locked} methods, {@link #childOrCreate} and every change of the {@code removed}
 * flag run under this node's monitor. A writer holds at most a parent's and then a child's monitor,
 * in that order (see {@link ConcurrentTopicTrie}).
 *
 * @param <K> subscriber key type
 * @param <S> subscription value type
 */
final class TrieNode<K, S> {

    private static final Object[] NO_SUBSCRIBERS = {};

    final TrieNode<K, S> parent;
    final String level;

    private volatile LevelMap<TrieNode<K, S>> literals; // null until the first literal child
    private volatile TrieNode<K, S> plus;
    private volatile TrieNode<K, S> hash;
    private volatile Object subscribers = NO_SUBSCRIBERS; // Object[] {k0, v0, k1, v1, ...} or a map
    private boolean removed; // guarded by this

    TrieNode(TrieNode<K, S> parent, String level) {
        this.parent = parent;
        this.level = level;
    }

    /** Lock-free: the literal child for the level {@code s.substring(from, to)}, or null. */
    TrieNode<K, S> literal(String s, int from, int to) {
        LevelMap<TrieNode<K, S>> map = literals;
        return map == null ? null : map.get(s, from, to);
    }

    /** Lock-free: the {@code +} child, or null. */
    TrieNode<K, S> plus() {
        return plus;
    }

    /** Lock-free: the {@code #} child, or null. */
    TrieNode<K, S> hash() {
        return hash;
    }

    /** Lock-free: the child for a filter level given as a region, wildcard or literal. */
    TrieNode<K, S> child(String filter, int from, int to) {
        if (to - from == 1) {
            char c = filter.charAt(from);
            if (c == '+') {
                return plus;
            }
            if (c == '#') {
                return hash;
            }
        }
        return literal(filter, from, to);
    }

    /** Lock-free: hands every subscription value of this node to the sink. */
    @SuppressWarnings("unchecked")
    void forEachSubscriber(Consumer<? super S> sink) {
        Object subs = subscribers;
        if (subs instanceof Object[] pairs) {
            for (int i = 1; i < pairs.length; i += 2) {
                sink.accept((S) pairs[i]);
            }
        } else {
            ((Map<K, S>) subs).values().forEach(sink);
        }
    }

    /** Lock-free: visits the children; used by tests and diagnostics only. */
    void forEachChild(Consumer<TrieNode<K, S>> action) {
        TrieNode<K, S> p = plus;
        TrieNode<K, S> h = hash;
        LevelMap<TrieNode<K, S>> map = literals;
        if (p != null) {
            action.accept(p);
        }
        if (h != null) {
            action.accept(h);
        }
        if (map != null) {
            map.forEach(action);
        }
    }

    /**
     * Returns the child for {@code level}, creating it if absent, or {@code null} if this node has been
     * pruned; the caller then starts again from the root. Refusing to grow a pruned node is what keeps
     * a concurrent SUBSCRIBE from attaching to a detached branch.
     */
    synchronized TrieNode<K, S> childOrCreate(String level) {
        if (removed) {
            return null;
        }
        TrieNode<K, S> child = child(level, 0, level.length());
        if (child != null) {
            return child;
        }
        child = new TrieNode<>(this, level);
        switch (level) {
            case "+" -> plus = child;
            case "#" -> hash = child;
            default -> {
                if (literals == null) {
                    literals = new LevelMap<>();
                }
                literals.put(level, child);
            }
        }
        return child;
    }

    boolean isRemovedLocked() {
        return removed;
    }

    /** True if nothing hangs off this node: it may be pruned. */
    boolean isEmptyLocked() {
        return !hasSubscribersLocked()
                && plus == null
                && hash == null
                && (literals == null || literals.isEmpty());
    }

    /** Marks the child pruned and unlinks it. Caller holds this node's and then the child's monitor. */
    void detachLocked(TrieNode<K, S> child) {
        child.removed = true;
        switch (child.level) {
            case "+" -> plus = null;
            case "#" -> hash = null;
            default -> {
                literals.remove(child.level);
                if (literals.isEmpty()) {
                    literals = null;
                }
            }
        }
    }

    /**
     * Adds or replaces the subscription of {@code key}.
     *
     * @param threshold the largest number of subscriptions kept in the copy-on-write array
     * @return true if the key was new here
     */
    boolean putLocked(K key, S value, int threshold) {
        if (!(subscribers instanceof Object[] pairs)) {
            return asMap().put(key, value) == null;
        }
        int i = indexOf(pairs, key);
        if (i >= 0) {
            Object[] copy = pairs.clone();
            copy[i + 1] = value;
            subscribers = copy;
            return false;
        }
        if (pairs.length / 2 < threshold) {
            Object[] copy = Arrays.copyOf(pairs, pairs.length + 2);
            copy[pairs.length] = key;
            copy[pairs.length + 1] = value;
            subscribers = copy;
            return true;
        }
        // Fill the map completely before publishing it, so a reader sees all or none of the move.
        ConcurrentHashMap<K, S> map = new ConcurrentHashMap<>();
        forEachPair(pairs, map::put);
        map.put(key, value);
        subscribers = map;
        return true;
    }

    /**
     * Removes the subscription of {@code key}.
     *
     * @param threshold as for {@link #putLocked}; a map that shrinks to half of it becomes an array again
     * @return true if the key was present
     */
    boolean removeLocked(K key, int threshold) {
        if (!(subscribers instanceof Object[] pairs)) {
            Map<K, S> map = asMap();
            if (map.remove(key) == null) {
                return false;
            }
            if (map.size() <= threshold / 2) {
                subscribers = toPairs(map);
            }
            return true;
        }
        int i = indexOf(pairs, key);
        if (i < 0) {
            return false;
        }
        if (pairs.length == 2) {
            subscribers = NO_SUBSCRIBERS;
            return true;
        }
        Object[] copy = new Object[pairs.length - 2];
        System.arraycopy(pairs, 0, copy, 0, i);
        System.arraycopy(pairs, i + 2, copy, i, pairs.length - i - 2);
        subscribers = copy;
        return true;
    }

    private boolean hasSubscribersLocked() {
        return subscribers instanceof Object[] pairs ? pairs.length > 0 : !asMap().isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Map<K, S> asMap() {
        return (Map<K, S>) subscribers;
    }

    private static int indexOf(Object[] pairs, Object key) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static <K, S> void forEachPair(Object[] pairs, BiConsumer<K, S> action) {
        for (int i = 0; i < pairs.length; i += 2) {
            action.accept((K) pairs[i], (S) pairs[i + 1]);
        }
    }

    private static Object[] toPairs(Map<?, ?> map) {
        if (map.isEmpty()) {
            return NO_SUBSCRIBERS;
        }
        Object[] pairs = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return pairs;
    }
}
