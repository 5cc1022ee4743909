package dev.wren.broker.session;

/**
 * The outbound QoS 1/2 deliveries in flight, by packet id and in the order they were sent:
 * an open-addressing table keyed by the plain {@code int} id (no boxed {@code Integer}, no map
 * entry per delivery; the {@link Entry} is the only object) and an intrusive doubly linked list
 * through the entries for the send order, which a resend keeps [MQTT-4.4.0-1] [MQTT-4.6.0-5].
 *
 * <p>The table (linear probing, at most half full, deletion by backward shift so no tombstones)
 * is created by the first delivery: a session that never sends QoS 1/2 holds none of it.
 *
 * <p>Not thread-safe: confined to the session's loop like {@link OutboundFlow}.
 */
final class InflightWindow {
    /** One delivery in flight with its packet id and what {@link OutboundFlow} tracks for it. */
    static final class Entry {
        final int id;
        final Delivery delivery;
        /** PUBREC received (QoS 2): only the packet id is kept until PUBCOMP. */
        boolean released;
        /** Bytes this entry counts against the limit until its message is no longer needed. */
        long weight;
        private Entry prev;
        private Entry next;

        Entry(int id, Delivery delivery) {
            this.id = id;
            this.delivery = delivery;
            this.weight = delivery.message().weight();
        }

        /** The entry sent after this one, or {@code null}; read it before removing this one while iterating. */
        Entry next() {
            return next;
        }
    }

    private static final int FIRST_CAPACITY = 16;

    private Entry[] table;
    /** 32 − log2(table length): {@link #slot} keeps the top bits of the hashed id. */
    private int shift;
    private Entry head;
    private Entry tail;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The entry sent first (the oldest), or {@code null}. */
    Entry first() {
        return head;
    }

    Entry get(int id) {
        Entry[] t = table;
        if (t == null) {
            return null;
        }
        int mask = t.length - 1;
        for (int i = slot(id, shift);; i = (i + 1) & mask) {
            Entry e = t[i];
            if (e == null || e.id == id) {
                return e;
            }
        }
    }

    boolean contains(int id) {
        return get(id) != null;
    }

    /** Adds {@code e} as the newest entry; its id must not be in flight. */
    void add(Entry e) {
        if (table == null) {
            table = new Entry[FIRST_CAPACITY];
            shift = 32 - Integer.numberOfTrailingZeros(FIRST_CAPACITY);
        } else if ((size + 1) * 2 > table.length) {
            resize(table.length * 2);
        }
        insert(table, shift, e);
        size++;
        e.prev = tail;
        e.next = null;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
    }

    /** Removes {@code e}, which must be in this window. */
    void remove(Entry e) {
        Entry[] t = table;
        int mask = t.length - 1;
        int i = slot(e.id, shift);
        while (t[i] != e) {
            i = (i + 1) & mask;
        }
        // backward shift: move later entries of the probe run into the gap so lookups never stop early
        for (int j = (i + 1) & mask; t[j] != null; j = (j + 1) & mask) {
            int home = slot(t[j].id, shift);
            // t[j] may fill slot i unless its home lies cyclically in (i, j]
            if (((j - home) & mask) >= ((j - i) & mask)) {
                t[i] = t[j];
                i = j;
            }
        }
        t[i] = null;
        size--;
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
    }

    /** Drops everything; a large table goes too (a burst's window should not outlive it). */
    void clear() {
        table = null;
        shift = 0;
        head = null;
        tail = null;
        size = 0;
    }

    private void resize(int capacity) {
        Entry[] bigger = new Entry[capacity];
        int biggerShift = 32 - Integer.numberOfTrailingZeros(capacity);
        for (Entry e : table) {
            if (e != null) {
                insert(bigger, biggerShift, e);
            }
        }
        table = bigger;
        shift = biggerShift;
    }

    private static void insert(Entry[] t, int shift, Entry e) {
        int mask = t.length - 1;
        int i = slot(e.id, shift);
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = e;
    }

    /**
     * Fibonacci hashing. Not {@code id & mask}: packet ids are handed out consecutively, so the
     * ids in flight would fill one contiguous run of slots, and removing the oldest (the common
     * ack) would shift-scan the whole run, O(window) per ack (measured: ~1 µs at a window of
     * 1,024). Multiplying by 2^32/φ spreads consecutive ids evenly over the table.
     */
    private static int slot(int id, int shift) {
        return (id * 0x9E3779B9) >>> shift;
    }
}
