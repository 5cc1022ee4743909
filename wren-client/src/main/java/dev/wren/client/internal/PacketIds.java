package dev.wren.client.internal;

import java.util.BitSet;

/**
 * Allocates packet identifiers 1..65535, never handing out one that is still in use
 * [MQTT-2.2.1-3]. Allocation walks forward from the last id so that a just-freed id is not
 * reused at once, which keeps late duplicates from an old exchange from matching a new one.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class PacketIds {
    static final int MAX = 65535;

    private final BitSet used = new BitSet(MAX + 1);
    private int last;
    private int inUse;

    /** The next free id, or 0 when all 65535 are in use. */
    int allocate() {
        if (inUse == MAX) {
            return 0;
        }
        int candidate = used.nextClearBit(last + 1);
        if (candidate > MAX) {
            candidate = used.nextClearBit(1);
        }
        used.set(candidate);
        inUse++;
        last = candidate;
        return candidate;
    }

    /** Marks {@code id} as used (restoring a session from a store); false if it already was. */
    boolean claim(int id) {
        if (used.get(id)) {
            return false;
        }
        used.set(id);
        inUse++;
        return true;
    }

    void release(int id) {
        if (id > 0 && used.get(id)) {
            used.clear(id);
            inUse--;
        }
    }

    boolean isUsed(int id) {
        return used.get(id);
    }

    int inUse() {
        return inUse;
    }

    void clear() {
        used.clear();
        inUse = 0;
    }
}
