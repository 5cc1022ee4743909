package dev.wren.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link OutboundStore}: messages survive reconnects but not a process restart.
 * Thread-safe (a concurrent sorted map).
 */
public final class InMemoryOutboundStore implements OutboundStore {
    private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();
    private final AtomicLong nextSequence = new AtomicLong(1);

    @Override
    public long add(Message message) {
        long seq = nextSequence.getAndIncrement();
        entries.put(seq, new Entry(seq, 0, false, message));
        return seq;
    }

    @Override
    public void sent(long sequence, int packetId) {
        entries.computeIfPresent(sequence, (k, e) -> new Entry(k, packetId, e.released(), e.message()));
    }

    @Override
    public void released(long sequence) {
        entries.computeIfPresent(sequence, (k, e) -> new Entry(k, e.packetId(), true, e.message()));
    }

    @Override
    public void remove(long sequence) {
        entries.remove(sequence);
    }

    @Override
    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** How many messages are waiting for acknowledgement. */
    public int size() {
        return entries.size();
    }
}
