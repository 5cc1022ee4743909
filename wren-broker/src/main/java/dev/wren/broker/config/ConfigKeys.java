package dev.wren.broker.config;

import dev.wren.broker.BrokerConfig;
import dev.wren.broker.BrokerConfig.Builder;
import dev.wren.broker.config.ConfigKey.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The table of every configuration file key, in file order. Immutable. */
final class ConfigKeys {
    private static final long MAX_INT = Integer.MAX_VALUE;
    static final List<ConfigKey> ALL = build();

    private ConfigKeys() {}

    private static List<ConfigKey> build() {
        List<ConfigKey> k = new ArrayList<>();
        listener(k);
        tlsAndWebSocket(k);
        mqtt(k);
        limits(k);
        sessionAndSecurity(k);
        backPressure(k);
        memory(k);
        persistence(k);
        return List.copyOf(k);
    }

    private static void listener(List<ConfigKey> k) {
        str(k, "listener", "host", Builder::host, BrokerConfig::host, "address to bind (0.0.0.0 = all interfaces)");
        num(k, "listener", "port", 0, 65535, (b, v) -> b.port(v.intValue()), BrokerConfig::port, "TCP port (0 = ephemeral)");
        num(k, "listener", "io-threads", 0, 1024, (b, v) -> b.ioThreads(v.intValue()), BrokerConfig::ioThreads,
                "event-loop threads (0 = 2 x CPU cores)");
        num(k, "listener", "max-connections", 1, MAX_INT, (b, v) -> b.maxConnections(v.intValue()),
                BrokerConfig::maxConnections, "connections at once; more are refused (CONNACK 0x89 / rc 3)");
        num(k, "listener", "connect-timeout-seconds", 1, 3600, (b, v) -> b.connectTimeoutSeconds(v.intValue()),
                BrokerConfig::connectTimeoutSeconds, "time a new connection has to send CONNECT");
        num(k, "listener", "write-buffer-low-water-mark", 1, MAX_INT,
                (b, v) -> b.writeBufferLowWaterMark(v.intValue()), BrokerConfig::writeBufferLowWaterMark,
                "bytes: below this a slow connection is writable again");
        num(k, "listener", "write-buffer-high-water-mark", 1, MAX_INT,
                (b, v) -> b.writeBufferHighWaterMark(v.intValue()), BrokerConfig::writeBufferHighWaterMark,
                "bytes: above this a connection is slow (QoS 0 dropped, QoS 1/2 queued)");
    }

    private static void tlsAndWebSocket(List<ConfigKey> k) {
        num(k, "tls", "port", -1, 65535, (b, v) -> b.tlsPort(v.intValue()), BrokerConfig::tlsPort,
                "MQTT over TLS on listener.host (8883 by convention; -1 = off)");
        optionalStr(k, "tls", "cert-file", Builder::tlsCertFile, BrokerConfig::tlsCertFile,
                "PEM certificate chain (server first) for TLS and secure WebSocket");
        optionalStr(k, "tls", "key-file", Builder::tlsKeyFile, BrokerConfig::tlsKeyFile,
                "PEM private key (PKCS#8, unencrypted) of that certificate");
        optionalStr(k, "tls", "ca-file", Builder::tlsCaFile, BrokerConfig::tlsCaFile,
                "PEM CA certificates that sign client certificates (empty = none asked)");
        bool(k, "tls", "require-client-certificate", Builder::tlsRequireClientCertificate,
                BrokerConfig::tlsRequireClientCertificate, "refuse TLS clients without a certificate from ca-file");
        num(k, "websocket", "port", -1, 65535, (b, v) -> b.websocketPort(v.intValue()), BrokerConfig::websocketPort,
                "MQTT over WebSocket (ws://) on listener.host (-1 = off)");
        num(k, "websocket", "secure-port", -1, 65535, (b, v) -> b.websocketSecurePort(v.intValue()),
                BrokerConfig::websocketSecurePort, "MQTT over secure WebSocket (wss://) with the tls certificate (-1 = off)");
        str(k, "websocket", "path", Builder::websocketPath, BrokerConfig::websocketPath,
                "HTTP path of the WebSocket endpoints");
        str(k, "admin", "host", Builder::adminHost, BrokerConfig::adminHost,
                "address of the admin HTTP endpoint (GET /metrics for Prometheus, GET /health)");
        num(k, "admin", "port", -1, 65535, (b, v) -> b.adminPort(v.intValue()), BrokerConfig::adminPort,
                "port of the admin HTTP endpoint (-1 = off)");
    }

    private static void mqtt(List<ConfigKey> k) {
        num(k, "mqtt", "max-packet-size", 16, 268_435_460, (b, v) -> b.maxPacketSize(v.intValue()),
                BrokerConfig::maxPacketSize, "largest packet accepted, bytes (announced as Maximum Packet Size)");
        num(k, "mqtt", "receive-maximum", 1, 65535, (b, v) -> b.receiveMaximum(v.intValue()),
                BrokerConfig::receiveMaximum, "unacknowledged QoS 1/2 PUBLISHes a client may send");
        num(k, "mqtt", "max-qos", 0, 2, (b, v) -> b.maxQos(v.intValue()), BrokerConfig::maxQos, "Maximum QoS");
        bool(k, "mqtt", "retain-available", Builder::retainAvailable, BrokerConfig::retainAvailable,
                "retained messages supported");
        bool(k, "mqtt", "wildcard-subscriptions", Builder::wildcardSubscriptionsAvailable,
                BrokerConfig::wildcardSubscriptionsAvailable, "filters with + and # allowed");
        bool(k, "mqtt", "shared-subscriptions", Builder::sharedSubscriptionsAvailable,
                BrokerConfig::sharedSubscriptionsAvailable, "$share/{group}/{filter} allowed");
        bool(k, "mqtt", "subscription-identifiers", Builder::subscriptionIdentifiersAvailable,
                BrokerConfig::subscriptionIdentifiersAvailable, "Subscription Identifiers supported");
        num(k, "mqtt", "topic-alias-maximum", 0, 65535, (b, v) -> b.topicAliasMaximum(v.intValue()),
                BrokerConfig::topicAliasMaximum, "topic aliases a client may use towards the broker");
        bool(k, "mqtt", "outbound-topic-aliases", Builder::outboundTopicAliases, BrokerConfig::outboundTopicAliases,
                "the broker assigns topic aliases on delivery");
        optionalStr(k, "mqtt", "response-information", Builder::responseInformation,
                BrokerConfig::responseInformation,
                "Response Information for 5.0 clients that request it, %c = client id (e.g. reply/%c/); empty = none");
    }

    private static void limits(List<ConfigKey> k) {
        num(k, "mqtt", "max-keep-alive", 1, 65535, (b, v) -> b.maxKeepAlive(v.intValue()), BrokerConfig::maxKeepAlive,
                "seconds; a longer keep alive is replaced (Server Keep Alive)");
        num(k, "mqtt", "max-topic-length", 1, 65535, (b, v) -> b.maxTopicLength(v.intValue()),
                BrokerConfig::maxTopicLength, "characters in a topic name or filter");
        num(k, "mqtt", "max-topic-levels", 1, 65535, (b, v) -> b.maxTopicLevels(v.intValue()),
                BrokerConfig::maxTopicLevels, "levels in a topic name or filter");
        num(k, "mqtt", "max-subscriptions-per-client", 0, MAX_INT,
                (b, v) -> b.maxSubscriptionsPerClient(v.intValue()), BrokerConfig::maxSubscriptionsPerClient,
                "subscriptions per session (0 = unlimited); more get SUBACK 0x97");
        num(k, "mqtt", "max-inflight", 1, 65535, (b, v) -> b.maxInflight(v.intValue()), BrokerConfig::maxInflight,
                "outbound QoS 1/2 window per client (bounded by its Receive Maximum; 3.x clients get this)");
    }

    @SuppressWarnings("unchecked")
    private static void sessionAndSecurity(List<ConfigKey> k) {
        num(k, "session", "max-session-expiry-interval", 0, BrokerConfig.MAX_INTERVAL,
                (b, v) -> b.maxSessionExpiryInterval(v.longValue()), BrokerConfig::maxSessionExpiryInterval,
                "seconds; also the expiry of MQTT 3.x persistent sessions");
        num(k, "session", "max-queued-messages", 0, MAX_INT, (b, v) -> b.maxQueuedMessages(v.intValue()),
                BrokerConfig::maxQueuedMessages, "messages queued per session; overflow drops the new message");
        num(k, "session", "max-queued-bytes", 0, Long.MAX_VALUE, (b, v) -> b.maxQueuedBytes(v.longValue()),
                BrokerConfig::maxQueuedBytes, "payload + topic bytes held per session (queued and in flight)");
        bool(k, "session", "queue-qos0-offline", Builder::queueQos0Offline, BrokerConfig::queueQos0Offline,
                "queue QoS 0 messages for offline sessions");
        bool(k, "security", "allow-anonymous", Builder::allowAnonymous, BrokerConfig::allowAnonymous,
                "clients without a user name may connect");
        k.add(new ConfigKey("security", "users", Type.USERS, 0, 0, (b, v) -> b.users((Map<String, String>) v),
                BrokerConfig::users, "user name: password pairs for the built-in authenticator (plain or hashed)"));
        optionalStr(k, "security", "password-file", Builder::passwordFile, BrokerConfig::passwordFile,
                "file of user:hash lines (wren passwd / mosquitto_passwd), re-read when changed; empty = none");
        optionalStr(k, "security", "acl-file", Builder::aclFile, BrokerConfig::aclFile,
                "ACL file (Mosquitto syntax; unmatched = denied), re-read when changed; empty = none");
        num(k, "maintenance", "interval-millis", 0, Long.MAX_VALUE,
                (b, v) -> b.maintenanceIntervalMillis(v.longValue()), BrokerConfig::maintenanceIntervalMillis,
                "period of the expiry sweep (sessions, wills, retained)");
        num(k, "maintenance", "sys-interval-seconds", 0, 86_400, (b, v) -> b.sysIntervalSeconds(v.intValue()),
                BrokerConfig::sysIntervalSeconds, "period of $SYS/broker/... publications (0 = off)");
    }

    private static void backPressure(List<ConfigKey> k) {
        num(k, "back-pressure", "high-water", 0, MAX_INT, (b, v) -> b.backPressureHighWater(v.intValue()),
                BrokerConfig::backPressureHighWater,
                "messages waiting for a draining subscriber that pause a publisher (0 = off)");
        num(k, "back-pressure", "high-water-bytes", 0, Long.MAX_VALUE,
                (b, v) -> b.backPressureHighWaterBytes(v.longValue()), BrokerConfig::backPressureHighWaterBytes,
                "bytes held for a draining subscriber that pause a publisher (0 = no byte mark)");
        num(k, "back-pressure", "slow-consumer-grace-millis", 1, Long.MAX_VALUE,
                (b, v) -> b.slowConsumerGraceMillis(v.longValue()), BrokerConfig::slowConsumerGraceMillis,
                "a subscriber whose socket does not drain for longer is stuck: it pauses nobody");
        num(k, "back-pressure", "max-publisher-pause-millis", 1, Long.MAX_VALUE,
                (b, v) -> b.maxPublisherPauseMillis(v.longValue()), BrokerConfig::maxPublisherPauseMillis,
                "longest pause; then the publisher is read again and overflow is dropped");
    }

    private static void memory(List<ConfigKey> k) {
        num(k, "memory", "budget-bytes", 0, Long.MAX_VALUE, (b, v) -> b.memoryBudgetBytes(v.longValue()),
                BrokerConfig::memoryBudgetBytes,
                "bytes of queued + in-flight messages across all sessions (0 = budget-heap-percent of the heap);"
                        + " past it offline queues spill to the store, or QoS 1/2 PUBLISHes get 0x97");
        num(k, "memory", "budget-heap-percent", 1, 100, (b, v) -> b.memoryBudgetHeapPercent(v.intValue()),
                BrokerConfig::memoryBudgetHeapPercent, "the budget as a share of the maximum heap when budget-bytes is 0");
    }

    private static void persistence(List<ConfigKey> k) {
        str(k, "persistence", "durability", Builder::durability, BrokerConfig::durability,
                "sync (fsync before acknowledging), async (group commit every flush-interval-millis) or none");
        str(k, "persistence", "data-dir", (b, v) -> b.dataDir(Path.of(v)), c -> c.dataDir().toString(),
                "directory of the durable store");
        num(k, "persistence", "flush-interval-millis", 1, 3_600_000, (b, v) -> b.flushIntervalMillis(v.longValue()),
                BrokerConfig::flushIntervalMillis, "group-commit interval of async durability");
        str(k, "persistence", "corrupt-store", Builder::corruptStore, BrokerConfig::corruptStore,
                "refuse (do not start) or move-aside (keep it aside, start empty) when the store is corrupt");
        num(k, "persistence", "max-disk-bytes", 0, Long.MAX_VALUE, (b, v) -> b.maxDiskBytes(v.longValue()),
                BrokerConfig::maxDiskBytes, "disk quota of the store (0 = none); reached, QoS 1/2 PUBLISHes get 0x97");
        num(k, "persistence", "min-free-disk-bytes", 0, Long.MAX_VALUE, (b, v) -> b.minFreeDiskBytes(v.longValue()),
                BrokerConfig::minFreeDiskBytes, "the quota is also reached when less is free on the store's disk (0 = off)");
        num(k, "persistence", "disk-check-interval-millis", 1, 3_600_000,
                (b, v) -> b.diskCheckIntervalMillis(v.longValue()), BrokerConfig::diskCheckIntervalMillis,
                "how often the disk quota is checked");
    }

    private static void str(List<ConfigKey> k, String s, String n, BiConsumer<Builder, String> set,
            Function<BrokerConfig, Object> get, String doc) {
        k.add(new ConfigKey(s, n, Type.STRING, 0, 0, (b, v) -> set.accept(b, (String) v), get, doc));
    }

    private static void optionalStr(List<ConfigKey> k, String s, String n, BiConsumer<Builder, String> set,
            Function<BrokerConfig, Object> get, String doc) {
        k.add(new ConfigKey(s, n, Type.OPTIONAL_STRING, 0, 0, (b, v) -> set.accept(b, (String) v), get, doc));
    }

    private static void num(List<ConfigKey> k, String s, String n, long min, long max,
            BiConsumer<Builder, Number> set, Function<BrokerConfig, Object> get, String doc) {
        k.add(new ConfigKey(s, n, max > MAX_INT ? Type.LONG : Type.INT, min, max, (b, v) -> set.accept(b, (Number) v),
                get, doc));
    }

    private static void bool(List<ConfigKey> k, String s, String n, BiConsumer<Builder, Boolean> set,
            Function<BrokerConfig, Object> get, String doc) {
        k.add(new ConfigKey(s, n, Type.BOOL, 0, 0, (b, v) -> set.accept(b, (Boolean) v), get, doc));
    }
}
