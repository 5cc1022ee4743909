package dev.wren.broker.routing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * The literal children of one trie node, keyed by topic level.
 *
 * <p>A small chained hash table whose point is {@link #get(String, int, int)}: it looks up a level given
 * as a region of a longer string, so matching a topic name never cuts the topic into substrings. A
 * {@code ConcurrentHashMap<String, N>} would need one substring per level per match.
 *
 * <p>Thread-safety: {@code get} and {@code forEach} take no lock and may run at any time. Every other
 * method must be called while holding the monitor of the owning node, which serialises the writers.
 * Chains are immutable: a writer builds a new chain prefix and publishes it with a release store, and
 * a resize builds a whole new table before publishing it through the volatile field. A reader therefore
 * sees either the old or the new chain, never a half-built one.
 *
 * @param <N> the child node type
 */
final class LevelMap<N> {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Link[].class);
    private static final int MIN_CAPACITY = 2;
    private static final int MULTIPLIER = new SecureRandom().nextInt() | 0x0001_0001; // odd, and never tiny

    private record Link<N>(int hash, String level, N node, Link<N> next) {}

    private volatile Link<N>[] table = newTable(MIN_CAPACITY);
    private int size; // guarded by the owner's monitor

    /** Lock-free lookup of the level {@code s.substring(from, to)}, without creating that substring. */
    N get(String s, int from, int to) {
        int length = to - from;
        int hash = hash(s, from, to);
        Link<N>[] t = table;
        for (Link<N> link = slot(t, hash); link != null; link = link.next) {
            if (link.hash == hash
                    && link.level.length() == length
                    && s.regionMatches(from, link.level, 0, length)) {
                return link.node;
            }
        }
        return null;
    }

    /** Lock-free visit of every child; may or may not see children added or removed meanwhile. */
    void forEach(Consumer<? super N> action) {
        Link<N>[] t = table;
        for (int i = 0; i < t.length; i++) {
            for (Link<N> link = slot(t, i); link != null; link = link.next) {
                action.accept(link.node);
            }
        }
    }

    /** Adds a child for a level that is not present. Caller holds the owner's monitor. */
    void put(String level, N node) {
        if (size + 1 > table.length - (table.length >>> 2)) {
            resize(table.length * 2);
        }
        Link<N>[] t = table;
        int hash = hash(level, 0, level.length());
        int i = hash & (t.length - 1);
        SLOT.setRelease(t, i, new Link<>(hash, level, node, t[i]));
        size++;
    }

    /** Removes the child of this level, if present. Caller holds the owner's monitor. */
    boolean remove(String level) {
        Link<N>[] t = table;
        int hash = hash(level, 0, level.length());
        int i = hash & (t.length - 1);
        Link<N> head = t[i];
        Link<N> rebuilt = without(head, hash, level);
        if (rebuilt == head) {
            return false;
        }
        SLOT.setRelease(t, i, rebuilt);
        size--;
        // Shrink so that a node that once had many children does not keep a large table forever.
        if (t.length > MIN_CAPACITY && size < t.length >>> 3) {
            resize(t.length >>> 1);
        }
        return true;
    }

    /** Caller holds the owner's monitor. */
    boolean isEmpty() {
        return size == 0;
    }

    /** The chain without the link for {@code level}, sharing the tail after it; {@code head} if absent. */
    private static <N> Link<N> without(Link<N> head, int hash, String level) {
        Link<N> match = head;
        while (match != null && !(match.hash == hash && match.level.equals(level))) {
            match = match.next;
        }
        if (match == null) {
            return head;
        }
        // Copy the links before the match (in order) onto the tail after it; the chain stays immutable.
        Link<N> rebuilt = match.next;
        int before = 0;
        for (Link<N> link = head; link != match; link = link.next) {
            before++;
        }
        Link<N>[] prefix = newTable(before);
        Link<N> link = head;
        for (int i = 0; i < before; i++, link = link.next) {
            prefix[i] = link;
        }
        for (int i = before - 1; i >= 0; i--) {
            rebuilt = new Link<>(prefix[i].hash, prefix[i].level, prefix[i].node, rebuilt);
        }
        return rebuilt;
    }

    private void resize(int capacity) {
        Link<N>[] old = table;
        Link<N>[] fresh = newTable(capacity);
        for (Link<N> chain : old) {
            for (Link<N> link = chain; link != null; link = link.next) {
                int i = link.hash & (capacity - 1);
                fresh[i] = new Link<>(link.hash, link.level, link.node, fresh[i]);
            }
        }
        table = fresh; // volatile write publishes the fully built table
    }

    @SuppressWarnings("unchecked")
    private static <N> Link<N> slot(Link<N>[] t, int hash) {
        return (Link<N>) SLOT.getAcquire(t, hash & (t.length - 1));
    }

    /**
     * A polynomial hash of the region, like {@link String#hashCode()} but with a multiplier drawn at start
     * up, so that a client cannot precompute levels that all collide ("Aa" and "BB" collide for 31), and
     * spread so that the low bits used as index vary.
     */
    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = MULTIPLIER * h + s.charAt(i);
        }
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private static <N> Link<N>[] newTable(int capacity) {
        return (Link<N>[]) new Link<?>[capacity];
    }
}
