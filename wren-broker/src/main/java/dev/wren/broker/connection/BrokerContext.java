package dev.wren.broker.connection;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.SessionStore;
import dev.wren.broker.routing.Router;
import dev.wren.broker.security.Authenticator;
import dev.wren.broker.security.Authorizer;
import dev.wren.broker.session.Session;
import dev.wren.broker.session.SessionRegistry;
import java.time.Clock;

/**
 * The broker-wide collaborators every connection uses; immutable and shared by all connections.
 *
 * @param config the configuration
 * @param metrics counters
 * @param sessions the session registry
 * @param router publish / subscribe
 * @param authenticator who may connect
 * @param authorizer what they may do
 * @param clock wall clock for expiries
 * @param persistence the durable back end, or {@code null} when nothing is persisted
 * @param admission the memory budget and disk quota gate for QoS 1/2 PUBLISHes
 */
public record BrokerContext(BrokerConfig config, BrokerMetrics metrics, SessionRegistry sessions, Router router,
        Authenticator authenticator, Authorizer authorizer, Clock clock, Persistence persistence,
        Admission admission) {

    /** A context that never refuses a PUBLISH for memory or disk. */
    public BrokerContext(BrokerConfig config, BrokerMetrics metrics, SessionRegistry sessions, Router router,
            Authenticator authenticator, Authorizer authorizer, Clock clock, Persistence persistence) {
        this(config, metrics, sessions, router, authenticator, authorizer, clock, persistence, Admission.OPEN);
    }

    /** A context without persistence. */
    public BrokerContext(BrokerConfig config, BrokerMetrics metrics, SessionRegistry sessions, Router router,
            Authenticator authenticator, Authorizer authorizer, Clock clock) {
        this(config, metrics, sessions, router, authenticator, authorizer, clock, null);
    }

    /** The session store if the back end is durable and {@code s} is a persistent session, else {@code null}. */
    public SessionStore storeFor(Session s) {
        return persistence != null && persistence.durable() && s.isPersistent() ? persistence.sessions() : null;
    }
}
