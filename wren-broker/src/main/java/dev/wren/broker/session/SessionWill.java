package dev.wren.broker.session;

import dev.wren.codec.packet.Will;

/**
 * The will of a session: the will of the attached connection and, once that connection has
 * gone, the delayed will waiting for its time, cancelled if the client comes back in time
 * [MQTT-3.1.3-9]. Also where the will stands for the store: the pending will and when the
 * session went offline.
 *
 * <p>Thread confinement: the session's loop; the due time is volatile for the expiry sweep.
 */
final class SessionWill {
    private Will current;
    private Will pending;
    private volatile long dueAtMillis = Long.MAX_VALUE;
    private long offlineSinceMillis;

    /** A connection attached with {@code w}; a pending will is cancelled [MQTT-3.1.3-9]. */
    void attach(Will w) {
        current = w;
        pending = null;
        dueAtMillis = Long.MAX_VALUE;
    }

    /** A normal DISCONNECT: no will [MQTT-3.14.4-3]. */
    void clear() {
        current = null;
    }

    /**
     * The connection went at {@code now}. Returns the will to publish now, or {@code null}: none,
     * suppressed ({@code publish} false), or delayed (then it is pending).
     */
    Will detach(boolean publish, long now, long expiryInterval) {
        Will w = current;
        current = null;
        offlineSinceMillis = now;
        if (!publish || w == null) {
            return null;
        }
        if (w.delayInterval() == 0 || expiryInterval == 0) {
            return w;
        }
        delay(w, now, expiryInterval);
        return null;
    }

    private void delay(Will w, long fromMillis, long expiryInterval) {
        pending = w;
        dueAtMillis = fromMillis + Math.min(w.delayInterval(), expiryInterval) * 1000;
    }

    /** Removes and returns the pending will if it is due at {@code now}, else {@code null}. */
    Will takeDue(long now) {
        return pending != null && now >= dueAtMillis ? takePending() : null;
    }

    /** Removes and returns the pending will (published at session end or clean start), or {@code null}. */
    Will takePending() {
        Will w = pending;
        pending = null;
        dueAtMillis = Long.MAX_VALUE;
        return w;
    }

    /** Any thread: whether a pending will is due at {@code now}. */
    boolean isDue(long now) {
        return now >= dueAtMillis;
    }

    Will pending() {
        return pending;
    }

    long offlineSinceMillis() {
        return offlineSinceMillis;
    }

    /** A will read from the store at start-up: pending from when the session went offline. */
    void restore(Will w, long disconnectedAtMillis, long expiryInterval) {
        offlineSinceMillis = disconnectedAtMillis;
        if (w != null) {
            delay(w, disconnectedAtMillis, expiryInterval);
        }
    }
}
