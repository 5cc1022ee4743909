package dev.wren.broker.retained;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One topic level of a {@link RetainedTrie}: its children and the retained message of the topic that
 * ends here, if any.
 *
 * <p>Thread-safety: {@link #child}, {@link #forEachChild} and {@link #message} are lock-free reads, safe
 * at any time. {@link #childOrCreate}, the {@code Locked} methods and every change of the message or of
 * the {@code removed} flag run under this node's monitor; a writer holds at most a parent's and then a
 * child's monitor, in that order.
 *
 * @param <M> the retained message type
 */
final class RetainedNode<M> {

    final RetainedNode<M> parent;
    final String level;

    // Created with the first child: most nodes are leaves and an empty map still costs some 64 bytes.
    private volatile ConcurrentHashMap<String, RetainedNode<M>> children;
    private volatile M message;
    private boolean removed; // guarded by this

    RetainedNode(RetainedNode<M> parent, String level) {
        this.parent = parent;
        this.level = level;
    }

    /** Lock-free: the child of this level, or null. */
    RetainedNode<M> child(String level) {
        ConcurrentHashMap<String, RetainedNode<M>> map = children;
        return map == null ? null : map.get(level);
    }

    /** Lock-free: visits the children; may or may not see children added or removed meanwhile. */
    void forEachChild(Consumer<RetainedNode<M>> action) {
        ConcurrentHashMap<String, RetainedNode<M>> map = children;
        if (map != null) {
            map.values().forEach(action);
        }
    }

    /** Lock-free: the retained message of this node's topic, or null. */
    M message() {
        return message;
    }

    /**
     * Returns the child for {@code level}, creating it if absent, or {@code null} if this node has been
     * pruned, in which case the caller starts again from the root.
     */
    synchronized RetainedNode<M> childOrCreate(String level) {
        if (removed) {
            return null;
        }
        if (children == null) {
            children = new ConcurrentHashMap<>();
        }
        return children.computeIfAbsent(level, l -> new RetainedNode<>(this, l));
    }

    boolean isRemovedLocked() {
        return removed;
    }

    /** Sets or clears the message; returns the previous one. */
    M setMessageLocked(M newMessage) {
        M previous = message;
        message = newMessage;
        return previous;
    }

    /** True if neither a message nor a child hangs off this node: it may be pruned. */
    boolean isEmptyLocked() {
        return message == null && (children == null || children.isEmpty());
    }

    /** Marks the child pruned and unlinks it. Caller holds this node's and then the child's monitor. */
    void detachLocked(RetainedNode<M> child) {
        child.removed = true;
        children.remove(child.level, child);
        if (children.isEmpty()) {
            children = null;
        }
    }
}
