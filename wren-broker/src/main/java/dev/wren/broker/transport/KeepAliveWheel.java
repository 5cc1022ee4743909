package dev.wren.broker.transport;

import java.time.Clock;
import java.util.Arrays;

/**
 * The idle timers (CONNECT timeout, then 1.5 x Keep Alive [MQTT-3.1.2-22]) of all connections
 * of one event loop, on the broker's {@link Clock} so that tests can move time instead of
 * sleeping. A hashed timing wheel of {@value #SLOTS} slots of {@value #SLOT_MILLIS} ms, turned
 * by one periodic task per loop: a connection costs a few fields in its handler and no
 * scheduled task of its own.
 *
 * <p>Reads only record the time ({@link MqttChannelHandler#lastReadMillis}, once per read
 * burst); the wheel is not touched. When a connection's slot comes due, the wheel compares the
 * last read with the limit: expired, it tells the handler; otherwise it moves the connection to
 * the slot of its new deadline. So an active connection is looked at about once per limit, and
 * an idle one is closed between its deadline and one slot plus one turn later, never before.
 * Deadlines further away than the wheel's span (256 s) wait for a lap and are checked again.
 *
 * <p>Thread confinement: the event loop that owns it (its connections' loop).
 */
final class KeepAliveWheel {
    static final long SLOT_MILLIS = 250;
    static final int SLOTS = 1024;
    /** {@link MqttChannelHandler#wheelSlot}: not in the wheel. */
    static final int NONE = -1;
    /** {@link MqttChannelHandler#wheelSlot}: taken out of its slot by the turn in progress, not yet checked. */
    private static final int CHECKING = -2;

    private final Clock clock;
    private final MqttChannelHandler[] heads = new MqttChannelHandler[SLOTS];
    /** Scratch for the connections of the slot being checked; grows to the largest slot seen. */
    private MqttChannelHandler[] batch = new MqttChannelHandler[16];
    /** The last tick (clock millis / slot width) whose slot was checked. */
    private long cursor;
    private int size;

    KeepAliveWheel(Clock clock) {
        this.clock = clock;
        this.cursor = Math.floorDiv(clock.millis(), SLOT_MILLIS);
    }

    /** The broker's time, for {@link MqttChannelHandler#lastReadMillis}. */
    long now() {
        return clock.millis();
    }

    /** Connections in the wheel, for tests. */
    int size() {
        return size;
    }

    /**
     * Starts (or restarts) {@code h}'s timer: closed after {@code limitMillis} without a read,
     * counted from now; {@code limitMillis <= 0} takes it out of the wheel.
     */
    void arm(MqttChannelHandler h, long limitMillis) {
        remove(h);
        h.idleLimitMillis = limitMillis;
        h.lastReadMillis = clock.millis();
        if (limitMillis > 0) {
            place(h, h.lastReadMillis + limitMillis);
        }
    }

    /** Takes {@code h} out of the wheel (closed, or keep alive off); harmless if it is not in it. */
    void remove(MqttChannelHandler h) {
        if (h.wheelSlot >= 0) {
            unlink(h);
        } else if (h.wheelSlot == CHECKING) {
            h.wheelSlot = NONE; // the turn in progress skips it
        }
    }

    /** One turn: checks every slot that came due since the last turn, by the clock. */
    void advance() {
        advance(clock.millis());
    }

    void advance(long now) {
        long target = Math.floorDiv(now, SLOT_MILLIS);
        // after a jump of more than one lap every slot is checked once, which checks every connection
        long first = Math.max(cursor + 1, target - SLOTS + 1);
        for (long t = first; t <= target; t++) {
            cursor = t;
            check((int) Math.floorMod(t, (long) SLOTS), now);
        }
        cursor = Math.max(cursor, target); // a clock moved backwards checks nothing until it catches up
    }

    private void check(int slot, long now) {
        int n = 0;
        for (MqttChannelHandler h = heads[slot]; h != null; ) {
            MqttChannelHandler next = h.wheelNext;
            h.wheelPrev = null;
            h.wheelNext = null;
            h.wheelSlot = CHECKING;
            if (n == batch.length) {
                batch = Arrays.copyOf(batch, n * 2);
            }
            batch[n++] = h;
            h = next;
        }
        heads[slot] = null;
        size -= n;
        for (int i = 0; i < n; i++) {
            MqttChannelHandler h = batch[i];
            batch[i] = null;
            if (h.wheelSlot != CHECKING) {
                continue; // removed or re-armed by an earlier connection's timeout handling
            }
            h.wheelSlot = NONE;
            long deadline = h.lastReadMillis + h.idleLimitMillis;
            if (now >= deadline) {
                h.idleTimeout(); // may close it, or re-arm it (reads were paused by the broker)
            } else {
                place(h, deadline);
            }
        }
    }

    /** Links {@code h} into the slot of {@code deadline}, or the next one to check if that one is past. */
    private void place(MqttChannelHandler h, long deadline) {
        link(h, Math.max(tickOf(deadline), cursor + 1));
    }

    /** The first tick at or after {@code millis}: its slot is checked once the clock reaches the deadline. */
    private static long tickOf(long millis) {
        return Math.floorDiv(millis + SLOT_MILLIS - 1, SLOT_MILLIS);
    }

    private void link(MqttChannelHandler h, long tick) {
        int slot = (int) Math.floorMod(tick, (long) SLOTS);
        MqttChannelHandler head = heads[slot];
        h.wheelNext = head;
        h.wheelPrev = null;
        if (head != null) {
            head.wheelPrev = h;
        }
        heads[slot] = h;
        h.wheelSlot = slot;
        size++;
    }

    private void unlink(MqttChannelHandler h) {
        if (h.wheelPrev != null) {
            h.wheelPrev.wheelNext = h.wheelNext;
        } else {
            heads[h.wheelSlot] = h.wheelNext;
        }
        if (h.wheelNext != null) {
            h.wheelNext.wheelPrev = h.wheelPrev;
        }
        h.wheelPrev = null;
        h.wheelNext = null;
        h.wheelSlot = NONE;
        size--;
    }
}
