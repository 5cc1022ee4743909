package dev.wren.broker.connection;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.session.BackPressure;
import dev.wren.broker.session.DrainWaiter;
import dev.wren.broker.session.Publisher;
import dev.wren.broker.session.Session;
import dev.wren.codec.packet.MqttPacket;
import dev.wren.codec.packet.PingReq;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When the broker stops reading from a connection, and what happens to the packets already
 * decoded: they are held in order and handled when reading resumes. Reads stop (1) from an
 * accepted CONNECT until the session is attached and the CONNACK written, and (2) for publisher
 * back-pressure (docs/broker.md, "Publisher back-pressure"). When a
 * message this connection publishes leaves a draining subscriber's session above its high water
 * mark, the connection stops reading from its socket and waits for that session to drain to its
 * low water mark. Packets already decoded from the last read are held back in order (acks of
 * deliveries and PINGREQ are handled at once: they do not depend on the held PUBLISHes and they
 * let this client's own session drain). A check every grace period resumes reading when the
 * subscriber stopped draining (a stuck consumer pauses nobody), or when the pause reached its
 * maximum; the session then stops pausing anyone until it is back at low water.
 *
 * <p>Thread confinement: the connection's loop; a {@link Wait} is woken from any thread and
 * hops to that loop. A wake-up or check for an earlier pause finds a different {@link #current}
 * and does nothing, so nothing needs cancelling.
 */
final class ReadGate implements Publisher {
    /** One pause: the one-shot wake-up registered with the congested session. */
    private final class Wait implements DrainWaiter {
        private final Session target;
        private final AtomicBoolean fired = new AtomicBoolean();

        Wait(Session target) {
            this.target = target;
        }

        @Override
        public void drained() {
            if (fired.compareAndSet(false, true)) {
                try {
                    conn.transport().loop().execute(() -> onDrained(this));
                } catch (RejectedExecutionException e) {
                    // the broker is shutting down: nothing to resume
                }
            }
        }
    }

    private final Connection conn;
    private final BrokerMetrics metrics;
    private final BackPressure bp;
    /** Packets held back; created by the first hold (most connections never need it). */
    private ArrayDeque<MqttPacket> held;
    private Wait current;
    private boolean attaching;
    private long pausedAtNanos;
    private boolean pausedSinceIdle;

    ReadGate(Connection conn, BrokerMetrics metrics, BackPressure bp) {
        this.conn = conn;
        this.metrics = metrics;
        this.bp = bp;
    }

    @Override
    public void congested(Session target) {
        if (current != null || target == conn.session() || !conn.isConnected()) {
            return; // already waiting; a client congesting its own session is not paused by it
        }
        Wait w = new Wait(target);
        current = w;
        pausedAtNanos = bp.ticker().getAsLong();
        pausedSinceIdle = true;
        metrics.add(Metric.PUBLISHERS_PAUSED, 1);
        metrics.noted(Metric.PUBLISHER_PAUSES, conn.clientId());
        conn.transport().autoRead(false);
        target.awaitDrain(w);
        scheduleCheck(w, bp.maxPauseNanos());
    }

    private void scheduleCheck(Wait w, long remainingNanos) {
        long delay = Math.max(1_000_000L, Math.min(bp.graceNanos(), remainingNanos));
        try {
            conn.transport().loop().schedule(() -> check(w), delay);
        } catch (RejectedExecutionException e) {
            // the broker is shutting down: the connection closes anyway
        }
    }

    /** Whether back-pressure is on at all. */
    boolean enabled() {
        return bp.enabled();
    }

    /** Whether the connection is paused. */
    boolean isPaused() {
        return current != null;
    }

    /** CONNECT accepted: no reads, everything held, until {@link #attached()}. */
    void closeForAttach() {
        attaching = true;
        conn.transport().autoRead(false);
    }

    /** The session is attached and the CONNACK written: handles what was held, reads again. */
    void attached() {
        attaching = false;
        replay();
    }

    /** While attaching or paused: holds {@code p} back (returns true) unless it may be handled at once. */
    boolean hold(MqttPacket p) {
        if (attaching) {
            held().addLast(p);
            return true;
        }
        if (current == null) {
            return false; // not paused, or replaying what was held (in order, on this loop)
        }
        if (p instanceof PubAck || p instanceof PubRec || p instanceof PubComp || p instanceof PingReq) {
            return false;
        }
        held().addLast(p);
        return true;
    }

    private ArrayDeque<MqttPacket> held() {
        if (held == null) {
            held = new ArrayDeque<>(4);
        }
        return held;
    }

    private void check(Wait w) {
        if (current != w) {
            return;
        }
        long now = bp.ticker().getAsLong();
        long paused = now - pausedAtNanos;
        if (!w.target.isDraining(now)) {
            resume(); // the subscriber's socket stopped draining (or it left): a stuck consumer pauses nobody
        } else if (paused >= bp.maxPauseNanos()) {
            metrics.dropped(Metric.PUBLISHER_FORCED_RESUMES, conn.clientId());
            w.target.stopPausingPublishers(); // its overflow is now dropped and counted instead
            resume();
        } else {
            scheduleCheck(w, bp.maxPauseNanos() - paused);
        }
    }

    private void onDrained(Wait w) {
        if (current == w) {
            resume();
        }
    }

    /** Ends the pause, then handles the held packets (unless one of them pauses again) and reads again. */
    private void resume() {
        end();
        replay();
    }

    private void replay() {
        MqttPacket p;
        while (held != null && current == null && conn.isConnected() && (p = held.pollFirst()) != null) {
            conn.onPacket(p);
        }
        if (current == null && conn.isConnected()) {
            held = null; // replayed: an idle connection keeps no buffer
            conn.transport().autoRead(true);
        }
        conn.onReadComplete(); // acknowledgements among the held packets: one drain for all of them
        conn.transport().flush();
    }

    /** The connection closed: the pause ends; held packets are dropped with it. */
    void closed() {
        end();
        held = null;
    }

    private void end() {
        if (current != null) {
            current = null;
            metrics.add(Metric.PUBLISHERS_PAUSED, -1);
            metrics.add(Metric.PUBLISHER_PAUSED_MILLIS, (bp.ticker().getAsLong() - pausedAtNanos) / 1_000_000L);
        }
    }

    /**
     * Keep alive: reads are off by the broker's choice, so a pause now or since the previous idle
     * event counts as activity; the next idle period without reads closes as usual.
     */
    boolean excusesIdle() {
        boolean excused = current != null || pausedSinceIdle;
        pausedSinceIdle = current != null;
        return excused;
    }
}
