package dev.wren.broker.persistence.rocksdb;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference counts of stored messages: how many queue entries point at each. Kept in memory
 * only and rebuilt from the queue table on open, so a count can never disagree with the disk
 * after a crash. A message is deleted in the same batch that removes its last reference.
 *
 * <p>Thread-safe. References are only ever added by someone who already holds one or who just
 * stored the message, so a count that reached zero is never revived.
 */
final class MessageRefs {
    private final ConcurrentHashMap<Long, Integer> counts = new ConcurrentHashMap<>();

    void add(long messageId, int n) {
        if (n > 0) {
            counts.merge(messageId, n, Integer::sum);
        }
    }

    /** Drops one reference; true when it was the last, and the message must be deleted. */
    boolean release(long messageId) {
        boolean[] last = new boolean[1];
        counts.computeIfPresent(messageId, (id, count) -> {
            if (count <= 1) {
                last[0] = true;
                return null;
            }
            return count - 1;
        });
        return last[0];
    }

    int count(long messageId) {
        return counts.getOrDefault(messageId, 0);
    }
}
