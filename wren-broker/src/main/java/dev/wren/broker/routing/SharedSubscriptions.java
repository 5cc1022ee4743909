package dev.wren.broker.routing;

import dev.wren.broker.session.Session;
import dev.wren.codec.QoS;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared-subscription groups, each entered once in the topic index under its filter.
 *
 * <p>Thread-safety: any thread. Membership changes lock one group; the publish path reads the
 * index and the group's member array without locks.
 */
final class SharedSubscriptions {
    private final ConcurrentHashMap<String, SharedGroup> groups = new ConcurrentHashMap<>();
    private final TopicIndex<Object, Target> index;

    SharedSubscriptions(TopicIndex<Object, Target> index) {
        this.index = index;
    }

    /** Joins (or updates the options of) {@code s} in the group; returns whether it was a member before. */
    boolean join(String shareName, String filter, Session s, QoS qos, boolean rap, int subId) {
        String key = shareName + '/' + filter;
        SharedGroup.Member member = new SharedGroup.Member(s, qos, rap, subId);
        for (;;) {
            SharedGroup g = groups.computeIfAbsent(key, k -> new SharedGroup(shareName, filter));
            synchronized (g) {
                boolean existed = g.hasMember(s);
                if (!g.put(member)) {
                    continue; // removed concurrently: take the new one
                }
                if (g.size() == 1 && !existed) {
                    index.subscribe(filter, g, g);
                }
                return existed;
            }
        }
    }

    /** Leaves the group; returns whether {@code s} was a member. */
    boolean leave(String shareName, String filter, Session s) {
        String key = shareName + '/' + filter;
        SharedGroup g = groups.get(key);
        if (g == null) {
            return false;
        }
        synchronized (g) {
            boolean removed = g.remove(s);
            if (g.isDead()) {
                index.unsubscribe(filter, g);
                groups.remove(key, g);
            }
            return removed;
        }
    }

    int groupCount() {
        return groups.size();
    }
}
