package dev.wren.broker.retained;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link RetainedStore} stored as a trie of topic levels.
 *
 * <p>A filter query walks the trie: a literal level follows one child, {@code +} follows every child and
 * {@code #} hands out the whole subtree. Its cost is therefore proportional to the part of the trie the
 * filter covers, not to the number of retained messages. The walk uses an explicit stack, so deep
 * topics cannot exhaust the calling thread's stack.
 *
 * <p>Thread-safety: all methods may be called from any number of threads at once. {@link #get} and
 * {@link #match} take no lock; a query that runs concurrently with a put or remove may or may not see
 * that change, but sees every message that is retained throughout the query, once. Writers lock only the
 * nodes they change, and prune empty nodes with the same protocol as {@code ConcurrentTopicTrie}: a
 * pruned node is flagged under its monitor when it is unlinked and never receives a message or child
 * afterwards, so a concurrent put into a branch being pruned starts again from the root instead of being
 * lost.
 *
 * @param <M> the retained message type
 */
public final class RetainedTrie<M> implements RetainedStore<M> {

    private final RetainedNode<M> root = new RetainedNode<>(null, "");
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public void put(String topic, M message) {
        Objects.requireNonNull(message, "message");
        for (;;) {
            RetainedNode<M> node = descendOrCreate(topic);
            if (node == null) {
                continue; // a node on the path was pruned meanwhile
            }
            M previous;
            synchronized (node) {
                if (node.isRemovedLocked()) {
                    continue;
                }
                previous = node.setMessageLocked(message);
            }
            if (previous == null) {
                size.incrementAndGet();
            }
            return;
        }
    }

    @Override
    public void remove(String topic) {
        for (;;) {
            RetainedNode<M> node = find(topic);
            if (node == null) {
                return;
            }
            synchronized (node) {
                if (node.isRemovedLocked()) {
                    continue; // pruned meanwhile: look up the node that replaced it, if any
                }
                if (node.setMessageLocked(null) == null) {
                    return;
                }
            }
            size.decrementAndGet();
            prune(node);
            return;
        }
    }

    @Override
    public M get(String topic) {
        RetainedNode<M> node = find(topic);
        return node == null ? null : node.message();
    }

    @Override
    public void match(String filter, Consumer<? super M> sink) {
        Objects.requireNonNull(sink, "sink");
        // Cut the filter once: a '+' level may lead to many nodes, each looking up the next level.
        String[] levels = levels(filter);
        Deque<Position<M>> pending = new ArrayDeque<>();
        pending.push(new Position<>(root, 0));
        while (!pending.isEmpty()) {
            Position<M> position = pending.pop();
            RetainedNode<M> node = position.node();
            int depth = position.depth();
            if (depth == levels.length) {
                emit(node, sink);
                continue;
            }
            String level = levels[depth];
            // [MQTT-4.7.2-1] A wildcard first level does not match a topic starting with '$'.
            boolean skipDollar = depth == 0;
            if (level.equals("#")) {
                emitSubtree(node, skipDollar, sink);
            } else if (level.equals("+")) {
                node.forEachChild(child -> {
                    if (!(skipDollar && isDollar(child))) {
                        pending.push(new Position<>(child, depth + 1));
                    }
                });
            } else {
                RetainedNode<M> child = node.child(level);
                if (child != null) {
                    pending.push(new Position<>(child, depth + 1));
                }
            }
        }
    }

    @Override
    public void removeIf(Predicate<? super M> condition) {
        Objects.requireNonNull(condition, "condition");
        Deque<RetainedNode<M>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            RetainedNode<M> node = pending.pop();
            node.forEachChild(pending::push);
            M message = node.message();
            if (message != null && condition.test(message)) {
                removeExactly(node, message);
            }
        }
    }

    @Override
    public int size() {
        return size.get();
    }

    /** Number of trie nodes including the root; exact only while no writer runs. For tests. */
    int nodeCount() {
        int count = 0;
        Deque<RetainedNode<M>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            count++;
            pending.pop().forEachChild(pending::push);
        }
        return count;
    }

    /** A node reached by the first {@code depth} filter levels; the next level is matched against its children. */
    private record Position<M>(RetainedNode<M> node, int depth) {}

    /** Removes {@code message} from {@code node} unless a newer message replaced it meanwhile. */
    private void removeExactly(RetainedNode<M> node, M message) {
        synchronized (node) {
            if (node.isRemovedLocked() || node.message() != message) {
                return;
            }
            node.setMessageLocked(null);
        }
        size.decrementAndGet();
        prune(node);
    }

    /** '#' matches the parent level too (5.0 section 4.7.1.2, no statement id): emits {@code node} and all its descendants. */
    private static <M> void emitSubtree(RetainedNode<M> node, boolean skipDollar, Consumer<? super M> sink) {
        Deque<RetainedNode<M>> pending = new ArrayDeque<>();
        emit(node, sink);
        node.forEachChild(child -> {
            if (!(skipDollar && isDollar(child))) {
                pending.push(child);
            }
        });
        while (!pending.isEmpty()) {
            RetainedNode<M> next = pending.pop();
            emit(next, sink);
            next.forEachChild(pending::push);
        }
    }

    private static <M> void emit(RetainedNode<M> node, Consumer<? super M> sink) {
        M message = node.message();
        if (message != null) {
            sink.accept(message);
        }
    }

    /** Lock-free lookup of the node of a topic, or null if it does not exist. Package-private for tests. */
    RetainedNode<M> find(String topic) {
        RetainedNode<M> node = root;
        int length = topic.length();
        for (int from = 0; from <= length && node != null; ) {
            int end = levelEnd(topic, from);
            node = node.child(topic.substring(from, end));
            from = end + 1;
        }
        return node;
    }

    /** The node of a topic, created if needed, or null if a node on the way was pruned meanwhile. */
    private RetainedNode<M> descendOrCreate(String topic) {
        RetainedNode<M> node = root;
        int length = topic.length();
        for (int from = 0; from <= length; ) {
            int end = levelEnd(topic, from);
            String level = topic.substring(from, end);
            RetainedNode<M> child = node.child(level);
            if (child == null) {
                child = node.childOrCreate(level);
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
    private static <M> void prune(RetainedNode<M> node) {
        for (RetainedNode<M> child = node; child.parent != null; child = child.parent) {
            RetainedNode<M> parent = child.parent;
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

    private static boolean isDollar(RetainedNode<?> node) {
        return !node.level.isEmpty() && node.level.charAt(0) == '$';
    }

    /** The levels of a topic or filter, keeping empty ones: "a//b/" has four. */
    private static String[] levels(String s) {
        int count = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/') {
                count++;
            }
        }
        String[] levels = new String[count];
        int from = 0;
        for (int i = 0; i < count; i++) {
            int end = levelEnd(s, from);
            levels[i] = s.substring(from, end);
            from = end + 1;
        }
        return levels;
    }

    private static int levelEnd(String s, int from) {
        int end = s.indexOf('/', from);
        return end < 0 ? s.length() : end;
    }
}
