package dev.wren.broker.session;

import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.SessionStore;
import dev.wren.broker.persistence.Stages;
import dev.wren.broker.persistence.StoredState.StoredSession;
import java.util.concurrent.CompletionStage;
import dev.wren.codec.packet.Will;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All sessions by client id: connect with takeover [MQTT-3.1.4-3], clean start, session
 * present, and the expiry sweep of offline sessions.
 *
 * <p>Thread-safety: all public methods may be called from any thread. The map is concurrent;
 * every change to one session runs on that session's loop, so two connects for the same
 * client id are serialised there without a lock.
 */
public final class SessionRegistry implements SessionHooks {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    /**
     * A CONNECT asking for a session.
     *
     * @param clientId the (possibly assigned) client id
     * @param cleanStart Clean Start / Clean Session
     * @param expiryInterval Session Expiry Interval granted, seconds
     * @param will the will, or {@code null}
     * @param loop the loop of the connecting channel
     * @param link the connecting connection
     */
    public record ConnectRequest(String clientId, boolean cleanStart, long expiryInterval, Will will, Loop loop,
            SessionLink link) {}

    /** Called on the requesting connection's loop once the session is attached. */
    @FunctionalInterface
    public interface Attached {
        void attached(Session session, boolean sessionPresent);
    }

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<Session> offline = ConcurrentHashMap.newKeySet();
    private final SessionRouting routing;
    private final QueueLimits limits;
    private final BrokerMetrics metrics;
    private final Clock clock;
    private final Persistence persistence;
    private static final long SPILL_SWEEP_NANOS = 100_000_000;
    private final AtomicLong lastSpillSweep = new AtomicLong(System.nanoTime() - SPILL_SWEEP_NANOS);

    public SessionRegistry(SessionRouting routing, QueueLimits limits, BrokerMetrics metrics, Clock clock,
            Persistence persistence) {
        this.routing = routing;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
        this.persistence = persistence.durable() ? persistence : null;
    }

    private Session newSession(String id, Loop loop) {
        metrics.increment(Metric.SESSIONS_CURRENT);
        return new Session(id, loop, limits, this, metrics, clock, persistence == null ? null : persistence.messages());
    }

    /** Finds or creates the session of {@code r.clientId()} and attaches {@code r.link()} to it. */
    public void connect(ConnectRequest r, Attached callback) {
        Session s = sessions.computeIfAbsent(r.clientId(), id -> newSession(id, r.loop()));
        Loop owner = s.loop();
        if (owner.inLoop()) {
            connectOnOwner(s, r, callback);
        } else {
            owner.execute(() -> connectOnOwner(s, r, callback));
        }
    }

    private void connectOnOwner(Session s, ConnectRequest r, Attached callback) {
        Loop owner = s.loop();
        if (!owner.inLoop()) {
            owner.execute(() -> connectOnOwner(s, r, callback));
            return;
        }
        SessionLink old = s.link();
        if (old != null && !s.isEnded()) {
            metrics.increment(Metric.SESSIONS_TAKEN_OVER);
            old.takenOver(); // detaches s, publishing or scheduling the old connection's will
        }
        if (s.isEnded()) {
            connect(r, callback); // ended meanwhile (expiry 0, or expired): start over with a new one
            return;
        }
        if (!owner.equals(r.loop())) {
            // Hand the session to the new connection's loop; this is the last touch on this loop.
            s.moveTo(r.loop());
            r.loop().execute(() -> connectOnOwner(s, r, callback));
            return;
        }
        offline.remove(s);
        boolean present = !r.cleanStart() && !s.isNew();
        boolean wasPersistent = s.isPersistent();
        if (r.cleanStart() && !s.isNew()) {
            s.reset();
        }
        if (persistence == null) {
            s.attach(r.link(), r.expiryInterval(), r.will());
            callback.attached(s, present);
            return;
        }
        // Attach and CONNACK only once the session is durable (or durably gone): until then the
        // session stays offline, so nothing is delivered before the CONNACK [MQTT-3.2.0-1].
        Stages.whenDurable(storeConnect(r, wasPersistent), r.loop(), ok -> {
            if (!ok) {
                LOG.warn("storing the session of {} failed; it is not durable", r.clientId());
            }
            if (s.isEnded() || !s.loop().inLoop()) {
                connect(r, callback); // ended or moved by another connect meanwhile: start over
                return;
            }
            SessionLink other = s.link();
            if (other != null) { // another connection attached while the store was busy
                metrics.increment(Metric.SESSIONS_TAKEN_OVER);
                other.takenOver();
                if (s.isEnded()) {
                    connect(r, callback);
                    return;
                }
            }
            offline.remove(s);
            s.attach(r.link(), r.expiryInterval(), r.will());
            callback.attached(s, present);
        });
    }

    private CompletionStage<Void> storeConnect(ConnectRequest r, boolean wasPersistent) {
        SessionStore store = persistence.sessions();
        CompletionStage<Void> removed = r.cleanStart() && wasPersistent ? store.removeSession(r.clientId()) : Stages.DONE;
        if (r.expiryInterval() == 0) {
            return wasPersistent ? store.removeSession(r.clientId()) : removed;
        }
        return Stages.both(removed, store.saveSession(r.clientId(), r.link().version(), r.expiryInterval(), r.will()));
    }

    /**
     * Re-creates a stored session at start-up, offline, on {@code loop}; returns {@code null} if it
     * expired while the broker was down (it is then removed from the store).
     */
    public Session restore(StoredSession stored, Loop loop, long now) {
        if (expiredAt(stored, now)) {
            if (persistence != null) {
                persistence.sessions().removeSession(stored.clientId());
            }
            return null;
        }
        Session s = newSession(stored.clientId(), loop);
        s.restore(stored, persistence != null && persistence.restoresWills());
        sessions.put(stored.clientId(), s);
        offline.add(s);
        return s;
    }

    /** Whether a stored session's expiry ended at or before {@code now}. */
    public static boolean expiredAt(StoredSession stored, long now) {
        long expiry = stored.expiryInterval();
        return expiry < 0xFFFF_FFFFL && stored.disconnectedAtMillis() + expiry * 1000 <= now;
    }

    /** The queue limits and back-pressure marks of every session. */
    public QueueLimits limits() {
        return limits;
    }

    /** The session of {@code clientId}, or {@code null}. */
    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    public int size() {
        return sessions.size();
    }

    /**
     * Publishes due delayed wills and ends expired offline sessions, each on its own loop; past the
     * memory budget, also spills the queues of offline sessions.
     */
    public void maintain(long now) {
        boolean spill = limits.budget().exceeded() && spills();
        for (Session s : offline) {
            if (s.isEnded() || s.isOnline()) {
                offline.remove(s);
                continue;
            }
            if (s.isDue(now)) {
                s.loop().execute(() -> s.maintain(now));
            }
            if (spill) {
                s.loop().execute(s::spillIfOffline);
            }
        }
    }

    /**
     * Past the memory budget: spills the queues of offline sessions, each on its own loop, at most
     * once per {@code SPILL_SWEEP_NANOS} (a flood of refused PUBLISHes asks for it every time).
     * Any thread.
     */
    public void spillOffline() {
        long now = System.nanoTime();
        long last = lastSpillSweep.get();
        if (!spills() || now - last < SPILL_SWEEP_NANOS || !lastSpillSweep.compareAndSet(last, now)) {
            return;
        }
        for (Session s : offline) {
            if (!s.isEnded() && !s.isOnline()) {
                s.loop().execute(s::spillIfOffline);
            }
        }
    }

    /** Whether queues can spill: the store pages them back. */
    public boolean spills() {
        return persistence != null && persistence.messages().pagesQueues();
    }

    @Override
    public void publishWill(Session session, Message will) {
        routing.publishWill(will, session);
    }

    @Override
    public void removeSubscriptions(Session session) {
        routing.removeSubscriptions(session);
    }

    @Override
    public void offline(Session session) {
        offline.add(session);
        if (persistence != null && session.isPersistent()) {
            persistence.sessions().disconnected(session.clientId(), session.offlineSinceMillis(),
                    session.expiryInterval(), session.pendingWill());
        }
    }

    @Override
    public void willPublished(Session session) {
        if (persistence != null && session.isPersistent()) {
            persistence.sessions().disconnected(session.clientId(), session.offlineSinceMillis(),
                    session.expiryInterval(), null);
        }
    }

    @Override
    public void ended(Session session) {
        offline.remove(session);
        if (persistence != null) {
            persistence.sessions().removeSession(session.clientId());
        }
        if (sessions.remove(session.clientId(), session)) {
            metrics.add(Metric.SESSIONS_CURRENT, -1);
        }
    }
}
