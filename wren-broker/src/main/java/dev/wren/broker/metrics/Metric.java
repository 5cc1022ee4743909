package dev.wren.broker.metrics;

/** The counters and gauges a broker keeps; see {@link BrokerMetrics}. */
public enum Metric {
    /** Gauge: connections open now (TCP accepted, not yet closed). */
    CONNECTIONS_CURRENT("connections/current"),
    /** CONNECTs accepted with CONNACK success since start. */
    CONNECTS_ACCEPTED("connections/accepted"),
    /** CONNECTs refused with an error CONNACK (auth, id, limits, version). */
    CONNECTS_REFUSED("connections/refused"),
    /** Connections refused because {@code maxConnections} was reached. */
    CONNECTIONS_REJECTED_LIMIT("connections/rejected-limit"),
    /** Gauge: sessions held (online and offline). */
    SESSIONS_CURRENT("sessions/current"),
    /** Sessions ended because their expiry interval elapsed while offline. */
    SESSIONS_EXPIRED("sessions/expired"),
    /** Sessions taken over by a new connection with the same client id. */
    SESSIONS_TAKEN_OVER("sessions/taken-over"),
    /** PUBLISH packets received from clients. */
    PUBLISH_RECEIVED("messages/received"),
    /** PUBLISH packets written to clients (including resends). */
    PUBLISH_SENT("messages/sent"),
    /** Inbound PUBLISHes that matched no subscription. */
    PUBLISH_NO_SUBSCRIBERS("messages/no-subscribers"),
    /** QoS 0 deliveries dropped because the connection was not writable (slow consumer). */
    DROPPED_QOS0_SLOW_CONSUMER("dropped/qos0-slow-consumer"),
    /** Deliveries dropped because a session queue was full (messages or bytes). */
    DROPPED_QUEUE_FULL("dropped/queue-full"),
    /** Deliveries dropped because their Message Expiry Interval elapsed. */
    DROPPED_EXPIRED("dropped/expired"),
    /** Deliveries discarded because they exceeded the client's Maximum Packet Size. */
    DROPPED_TOO_LARGE_FOR_CLIENT("dropped/too-large-for-client"),
    /** Inbound PUBLISHes refused (not authorized, bad topic, payload format, quota). */
    PUBLISH_REJECTED("messages/rejected"),
    /** Connections closed for a malformed packet (0x81). */
    MALFORMED_PACKETS("errors/malformed"),
    /** Connections closed for a protocol error (0x82) or another protocol violation. */
    PROTOCOL_ERRORS("errors/protocol"),
    /** Connections closed because the keep alive elapsed (0x8D). */
    KEEP_ALIVE_TIMEOUTS("errors/keep-alive-timeout"),
    /** Slow consumers disconnected because their queue overflowed (0x97). */
    SLOW_CONSUMER_DISCONNECTS("errors/slow-consumer-disconnect"),
    /** CONNECT/AUTH attempts that failed authentication. */
    AUTH_FAILURES("errors/auth-failure"),
    /** SUBSCRIBE filters refused with an error reason code. */
    SUBSCRIPTIONS_REJECTED("subscriptions/rejected"),
    /** Gauge: subscriptions held, shared ones included. */
    SUBSCRIPTIONS_CURRENT("subscriptions/current"),
    /** Gauge: retained messages held. */
    RETAINED_CURRENT("retained/current"),
    /** Publishers paused by back-pressure (a draining subscriber's session above its high water mark). */
    PUBLISHER_PAUSES("backpressure/publisher-pauses"),
    /** Gauge: publishers paused now. */
    PUBLISHERS_PAUSED("backpressure/publishers-paused"),
    /** Milliseconds publishers spent paused, summed over all pauses that ended. */
    PUBLISHER_PAUSED_MILLIS("backpressure/paused-millis"),
    /** Pauses ended by {@code maxPublisherPauseMillis}: the session's overflow is dropped and counted after that. */
    PUBLISHER_FORCED_RESUMES("backpressure/forced-resumes"),
    /** Will messages published. */
    WILLS_PUBLISHED("messages/wills-published"),
    /** Durable store: writes requested (publishes, acknowledgements, session changes); gauge over the store's counter. */
    STORE_COMMITS("store/commits"),
    /** Durable store: engine writes, each carrying one or more commits (group commit). */
    STORE_WRITES("store/writes"),
    /** Durable store: write-ahead log syncs. */
    STORE_FSYNCS("store/fsyncs"),
    /** Durable store: failed commits (nothing acknowledged as success for them). */
    STORE_FAILURES("store/failures"),
    /** Gauge: durable store mean microseconds from a commit's submission to its durability. */
    STORE_COMMIT_MICROS_AVG("store/commit-micros-avg"),
    /** Gauge: durable store longest such time since start. */
    STORE_COMMIT_MICROS_MAX("store/commit-micros-max"),
    /** Gauge: durable store bytes on disk. */
    STORE_DISK_BYTES("store/disk-bytes"),
    /** Durable store: writes skipped because an acknowledgement came before their group commit (nothing to write or delete). */
    STORE_CANCELLED_WRITES("store/cancelled-writes"),
    /** Gauge, fixed at start: recovery write-ahead log records dropped as torn or corrupt. */
    STORE_RECOVERY_WAL_RECORDS_DROPPED("store/recovery/wal-records-dropped"),
    /** Gauge, fixed at start: recovery write-ahead log bytes dropped. */
    STORE_RECOVERY_WAL_BYTES_DROPPED("store/recovery/wal-bytes-dropped"),
    /** Gauge, fixed at start: recovery 1 if a store too damaged to open was moved aside (corrupt-store: move-aside). */
    STORE_RECOVERY_MOVED_ASIDE("store/recovery/moved-aside"),
    /** Gauge, fixed at start: recovery sessions that expired while the broker was down, removed. */
    STORE_RECOVERY_EXPIRED_SESSIONS("store/recovery/expired-sessions"),
    /** Gauge, fixed at start: recovery queued deliveries removed (message expired while down, or missing). */
    STORE_RECOVERY_DROPPED_DELIVERIES("store/recovery/dropped-deliveries"),
    /** Gauge: bytes of queued and in-flight messages held by all sessions (an upper bound, see MemoryBudget). */
    MEMORY_BUDGET_USED("memory/budget-used-bytes"),
    /** Gauge: the broker-wide memory budget for queued and in-flight messages, bytes. */
    MEMORY_BUDGET("memory/budget-bytes"),
    /** QoS 1/2 PUBLISHes refused (PUBACK/PUBREC 0x97, 3.x: connection closed) because the memory budget was used up. */
    PUBLISH_REFUSED_MEMORY_BUDGET("quota/refused-memory-budget"),
    /** QoS 1/2 PUBLISHes refused (PUBACK/PUBREC 0x97, 3.x: connection closed) because the store reached its disk quota. */
    PUBLISH_REFUSED_DISK_QUOTA("quota/refused-disk-quota"),
    /** Offline QoS 0 deliveries dropped because the memory budget was used up and nothing could be spilled. */
    DROPPED_MEMORY_BUDGET("dropped/memory-budget"),
    /** Spilled deliveries given up because their message never appeared in the store (its write failed). */
    DROPPED_SPILLED_MISSING("dropped/spilled-missing"),
    /** Times a session's queue was spilled to the store (its messages left the heap). */
    QUEUES_SPILLED("memory/queues-spilled"),
    /** Gauge: deliveries whose messages are only in the store now (spilled queues). */
    SPILLED_DELIVERIES("memory/spilled-deliveries"),
    /** Spilled deliveries read back from the store to be sent. */
    DELIVERIES_PAGED_IN("memory/paged-in"),
    /** Gauge: 1 while the store is at its disk quota (new QoS 1/2 PUBLISHes get 0x97), else 0. */
    STORE_QUOTA_REACHED("store/quota-reached");

    private final String sysTopic;

    Metric(String sysTopic) {
        this.sysTopic = sysTopic;
    }

    /** The suffix of this metric's {@code $SYS/broker/} topic. */
    public String sysTopic() {
        return sysTopic;
    }

    /**
     * Whether this is a gauge (a level that goes up and down, or a fixed fact such as a recovery
     * figure) rather than a counter that only grows: the Prometheus type of its sample.
     */
    public boolean gauge() {
        return GaugeNames.GAUGES.contains(this);
    }

    /** Holder: an enum's own static fields are not yet set while its constants are built. */
    private static final class GaugeNames {
        static final java.util.Set<Metric> GAUGES = java.util.EnumSet.of(CONNECTIONS_CURRENT, SESSIONS_CURRENT,
                SUBSCRIPTIONS_CURRENT, RETAINED_CURRENT, PUBLISHERS_PAUSED, STORE_COMMIT_MICROS_AVG,
                STORE_COMMIT_MICROS_MAX, STORE_DISK_BYTES, STORE_RECOVERY_WAL_RECORDS_DROPPED,
                STORE_RECOVERY_WAL_BYTES_DROPPED, STORE_RECOVERY_MOVED_ASIDE, STORE_RECOVERY_EXPIRED_SESSIONS,
                STORE_RECOVERY_DROPPED_DELIVERIES, MEMORY_BUDGET_USED, MEMORY_BUDGET, SPILLED_DELIVERIES,
                STORE_QUOTA_REACHED);
    }
}
