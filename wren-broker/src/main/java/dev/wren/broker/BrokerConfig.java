package dev.wren.broker;

import dev.wren.broker.persistence.MemoryPersistence;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.security.Authenticator;
import dev.wren.broker.security.Authorizer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The immutable configuration of a {@link Broker}. Every value has a default in code
 * ({@link #defaults()}); embedders and tests change values through {@link #builder()}, the
 * command line loads a YAML file through {@code dev.wren.broker.config.ConfigLoader}.
 *
 * <p>Sizes are in bytes, intervals in seconds unless the name says otherwise. A limit of 0
 * means "unlimited" where the Javadoc of the builder method says so.
 *
 * @param host address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port; 0 binds an ephemeral port (see {@link Broker#port()})
 * @param ioThreads event-loop threads; 0 lets Netty choose (2 x cores)
 * @param maxConnections connections accepted at once; further CONNECTs get CONNACK 0x89 / return code 3
 * @param connectTimeoutSeconds time a new connection has to send CONNECT
 * @param writeBufferLowWaterMark outbound bytes below which a slow connection is writable again
 * @param writeBufferHighWaterMark outbound bytes above which a connection counts as slow
 * @param tlsPort port of the MQTT over TLS listener on {@code host} (8883 by convention); -1 = none
 * @param tlsCertFile PEM certificate chain of the TLS and secure WebSocket listeners
 * @param tlsKeyFile PEM (PKCS#8, unencrypted) private key of that certificate
 * @param tlsCaFile PEM CA certificates that sign client certificates; empty = no client certificates
 * @param tlsRequireClientCertificate refuse TLS clients without a certificate signed by {@code tlsCaFile}
 * @param websocketPort port of the MQTT over WebSocket listener; -1 = none
 * @param websocketSecurePort port of MQTT over secure WebSocket (with the TLS certificate); -1 = none
 * @param websocketPath HTTP path of the WebSocket endpoints
 * @param adminHost address of the admin HTTP endpoint ({@code /metrics}, {@code /health})
 * @param adminPort its port; -1 = none
 * @param maxPacketSize largest packet the broker accepts (announced as Maximum Packet Size)
 * @param receiveMaximum QoS 1/2 PUBLISHes a client may have unacknowledged towards the broker
 * @param maxQos highest QoS the broker supports (announced as Maximum QoS)
 * @param retainAvailable whether retained messages are supported
 * @param wildcardSubscriptionsAvailable whether filters may contain {@code +} and {@code #}
 * @param sharedSubscriptionsAvailable whether {@code $share/...} filters are accepted
 * @param subscriptionIdentifiersAvailable whether Subscription Identifiers are supported
 * @param topicAliasMaximum topic aliases a client may use towards the broker
 * @param outboundTopicAliases whether the broker assigns topic aliases on delivery
 * @param responseInformation Response Information returned to a 5.0 client that asks for it (Request
 *     Response Information 1): a topic prefix where {@code %c} stands for the client id, e.g.
 *     {@code reply/%c/}; empty = never returned [MQTT-3.1.2-28]
 * @param maxKeepAlive longest keep alive accepted; a larger one is replaced (Server Keep Alive)
 * @param maxTopicLength longest topic name or filter in bytes
 * @param maxTopicLevels most levels in a topic name or filter
 * @param maxSubscriptionsPerClient subscriptions one session may hold; 0 = unlimited
 * @param maxInflight upper bound of the outbound window per client (also the window of 3.x clients);
 *     in-flight messages count against {@code maxQueuedBytes}
 * @param maxSessionExpiryInterval longest Session Expiry Interval granted; 3.x persistent sessions get this
 * @param maxQueuedMessages messages queued per session (offline or behind a full window)
 * @param maxQueuedBytes payload + topic bytes held per session: queued plus in flight
 * @param queueQos0Offline whether QoS 0 messages are queued for offline sessions
 * @param backPressureHighWater messages waiting for a draining subscriber (inbox plus queue) at which
 *     the publisher that sent the last one stops being read; 0 = no publisher back-pressure;
 *     capped at half of {@code maxQueuedMessages}; publishers resume at half of it
 * @param backPressureHighWaterBytes bytes held for a draining subscriber (queued plus in flight) at
 *     which publishers pause; 0 = no byte mark; capped at half of {@code maxQueuedBytes}
 * @param slowConsumerGraceMillis how long a subscriber whose socket stopped draining still counts as
 *     draining; after that it is a stuck consumer, which pauses no publisher
 * @param maxPublisherPauseMillis longest publisher pause; then the publisher is read again and the
 *     session's overflow is dropped and counted
 * @param allowAnonymous whether clients without a username may connect
 * @param users usernames and their passwords (plain, or hashed as in a password file) for the built-in authenticator
 * @param passwordFile password file of the built-in authenticator ({@code user:hash} lines as written by
 *     {@code wren passwd} or {@code mosquitto_passwd}), re-read when it changes; empty = none
 * @param aclFile ACL file (Mosquitto syntax) for the built-in authorizer, re-read when it changes; empty =
 *     none (then {@code authorizer} decides)
 * @param maintenanceIntervalMillis period of the expiry sweep; 0 = only {@link Broker#runMaintenance()}
 * @param sysIntervalSeconds period of {@code $SYS/broker/...} publications; 0 = off
 * @param durability {@code sync}, {@code async} or {@code none}: how the command line opens the store
 *     (plain data here; the embedded broker uses {@code persistence})
 * @param dataDir directory of the durable store (command line)
 * @param flushIntervalMillis group-commit interval of {@code async} durability (command line)
 * @param corruptStore {@code refuse} or {@code move-aside}: what the command line does with a corrupt store
 * @param memoryBudgetBytes broker-wide budget for queued and in-flight messages (payload + topic +
 *     {@value dev.wren.broker.session.MemoryBudget#DELIVERY_OVERHEAD} bytes per held delivery);
 *     0 = {@code memoryBudgetHeapPercent} of the maximum heap. Past it, offline queues of a durable
 *     store spill to disk and QoS 1/2 PUBLISHes are refused (0x97) while it stays exceeded
 * @param memoryBudgetHeapPercent the budget as a share of the maximum heap when {@code memoryBudgetBytes} is 0
 * @param maxDiskBytes disk quota of the durable store (SST + WAL bytes); reached, new QoS 1/2
 *     PUBLISHes are refused with 0x97 until it is below again; 0 = no quota
 * @param minFreeDiskBytes the store's quota is also reached when less than this is usable on its
 *     file system; 0 = no check
 * @param diskCheckIntervalMillis how often the disk quota is checked
 * @param clock wall clock used for every expiry (sessions, wills, messages); inject one in tests
 * @param persistence opens the persistence back end when the broker starts (default: in memory)
 * @param authenticator embedding SPI: decides who may connect (user name / password and MQTT 5.0
 *     enhanced authentication); {@code null} (default) = the built-in
 *     {@link dev.wren.broker.security.PasswordAuthenticator} over {@code users} and {@code allowAnonymous}
 * @param authorizer embedding SPI: decides what a connected client may publish and subscribe to
 *     (default {@link Authorizer#ALLOW_ALL}; {@code null} is taken as that)
 */
public record BrokerConfig(
        String host,
        int port,
        int ioThreads,
        int maxConnections,
        int connectTimeoutSeconds,
        int writeBufferLowWaterMark,
        int writeBufferHighWaterMark,
        int tlsPort,
        String tlsCertFile,
        String tlsKeyFile,
        String tlsCaFile,
        boolean tlsRequireClientCertificate,
        int websocketPort,
        int websocketSecurePort,
        String websocketPath,
        String adminHost,
        int adminPort,
        int maxPacketSize,
        int receiveMaximum,
        int maxQos,
        boolean retainAvailable,
        boolean wildcardSubscriptionsAvailable,
        boolean sharedSubscriptionsAvailable,
        boolean subscriptionIdentifiersAvailable,
        int topicAliasMaximum,
        boolean outboundTopicAliases,
        String responseInformation,
        int maxKeepAlive,
        int maxTopicLength,
        int maxTopicLevels,
        int maxSubscriptionsPerClient,
        int maxInflight,
        long maxSessionExpiryInterval,
        int maxQueuedMessages,
        long maxQueuedBytes,
        boolean queueQos0Offline,
        int backPressureHighWater,
        long backPressureHighWaterBytes,
        long slowConsumerGraceMillis,
        long maxPublisherPauseMillis,
        boolean allowAnonymous,
        Map<String, String> users,
        String passwordFile,
        String aclFile,
        long maintenanceIntervalMillis,
        int sysIntervalSeconds,
        String durability,
        Path dataDir,
        long flushIntervalMillis,
        String corruptStore,
        long memoryBudgetBytes,
        int memoryBudgetHeapPercent,
        long maxDiskBytes,
        long minFreeDiskBytes,
        long diskCheckIntervalMillis,
        Clock clock,
        Supplier<Persistence> persistence,
        Authenticator authenticator,
        Authorizer authorizer) {

    /** Largest value of a four-byte interval on the wire. */
    public static final long MAX_INTERVAL = 0xFFFF_FFFFL;

    private static final Set<String> DURABILITIES = Set.of("sync", "async", "none");
    private static final Set<String> CORRUPT_STORE = Set.of("refuse", "move-aside");

    /** The group-commit interval of {@code async} durability. */
    public Duration flushInterval() {
        return Duration.ofMillis(flushIntervalMillis);
    }

    /** Whether a corrupt store is moved aside (and a new one started) instead of refusing to start. */
    public boolean moveAsideCorruptStore() {
        return corruptStore.equals("move-aside");
    }

    /** The default persistence: nothing survives a restart. */
    public static final Supplier<Persistence> IN_MEMORY = MemoryPersistence::new;

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(persistence, "persistence");
        users = Map.copyOf(users == null ? Map.of() : users);
        passwordFile = passwordFile == null ? "" : passwordFile;
        aclFile = aclFile == null ? "" : aclFile;
        authorizer = authorizer == null ? Authorizer.ALLOW_ALL : authorizer;
        check(port >= 0 && port <= 65535, "port must be 0..65535: " + port);
        check(ioThreads >= 0, "ioThreads must be >= 0: " + ioThreads);
        check(maxConnections >= 1, "maxConnections must be >= 1: " + maxConnections);
        check(connectTimeoutSeconds >= 1, "connectTimeoutSeconds must be >= 1: " + connectTimeoutSeconds);
        tlsCertFile = tlsCertFile == null ? "" : tlsCertFile;
        tlsKeyFile = tlsKeyFile == null ? "" : tlsKeyFile;
        tlsCaFile = tlsCaFile == null ? "" : tlsCaFile;
        websocketPath = websocketPath == null ? "/mqtt" : websocketPath;
        responseInformation = responseInformation == null ? "" : responseInformation;
        Objects.requireNonNull(adminHost, "adminHost");
        check(adminPort >= -1 && adminPort <= 65535, "adminPort must be -1..65535: " + adminPort);
        check(tlsPort >= -1 && tlsPort <= 65535, "tlsPort must be -1..65535: " + tlsPort);
        check(websocketPort >= -1 && websocketPort <= 65535, "websocketPort must be -1..65535: " + websocketPort);
        check(websocketSecurePort >= -1 && websocketSecurePort <= 65535,
                "websocketSecurePort must be -1..65535: " + websocketSecurePort);
        check(websocketPath.startsWith("/"), "websocketPath must start with /: " + websocketPath);
        check(writeBufferLowWaterMark >= 1 && writeBufferLowWaterMark <= writeBufferHighWaterMark,
                "writeBufferLowWaterMark must be 1..writeBufferHighWaterMark");
        check(maxPacketSize >= 16 && maxPacketSize <= 268_435_460, "maxPacketSize must be 16..268435460: " + maxPacketSize);
        check(receiveMaximum >= 1 && receiveMaximum <= 65535, "receiveMaximum must be 1..65535: " + receiveMaximum);
        check(maxQos >= 0 && maxQos <= 2, "maxQos must be 0..2: " + maxQos);
        check(topicAliasMaximum >= 0 && topicAliasMaximum <= 65535, "topicAliasMaximum must be 0..65535");
        check(maxKeepAlive >= 1 && maxKeepAlive <= 65535, "maxKeepAlive must be 1..65535: " + maxKeepAlive);
        check(maxTopicLength >= 1 && maxTopicLength <= 65535, "maxTopicLength must be 1..65535");
        check(maxTopicLevels >= 1, "maxTopicLevels must be >= 1");
        check(maxSubscriptionsPerClient >= 0, "maxSubscriptionsPerClient must be >= 0");
        check(maxInflight >= 1 && maxInflight <= 65535, "maxInflight must be 1..65535: " + maxInflight);
        check(maxSessionExpiryInterval >= 0 && maxSessionExpiryInterval <= MAX_INTERVAL,
                "maxSessionExpiryInterval must be 0..4294967295");
        check(maxQueuedMessages >= 0, "maxQueuedMessages must be >= 0");
        check(maxQueuedBytes >= 0, "maxQueuedBytes must be >= 0");
        check(backPressureHighWater >= 0, "backPressureHighWater must be >= 0");
        check(backPressureHighWaterBytes >= 0, "backPressureHighWaterBytes must be >= 0");
        check(slowConsumerGraceMillis >= 1, "slowConsumerGraceMillis must be >= 1");
        check(maxPublisherPauseMillis >= 1, "maxPublisherPauseMillis must be >= 1");
        check(maintenanceIntervalMillis >= 0, "maintenanceIntervalMillis must be >= 0");
        check(sysIntervalSeconds >= 0, "sysIntervalSeconds must be >= 0");
        check(DURABILITIES.contains(durability), "durability (persistence.durability) must be sync, async or none, got " + durability);
        Objects.requireNonNull(dataDir, "dataDir");
        check(flushIntervalMillis >= 1, "flushIntervalMillis must be >= 1");
        check(CORRUPT_STORE.contains(corruptStore), "corruptStore (persistence.corrupt-store) must be refuse or move-aside, got " + corruptStore);
        check(memoryBudgetBytes >= 0, "memoryBudgetBytes must be >= 0 (0 = a share of the heap)");
        check(memoryBudgetHeapPercent >= 1 && memoryBudgetHeapPercent <= 100, "memoryBudgetHeapPercent must be 1..100");
        check(maxDiskBytes >= 0, "maxDiskBytes must be >= 0 (0 = no quota)");
        check(minFreeDiskBytes >= 0, "minFreeDiskBytes must be >= 0 (0 = no check)");
        check(diskCheckIntervalMillis >= 1, "diskCheckIntervalMillis must be >= 1");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The configuration with every default: 127.0.0.1:1883, anonymous clients allowed. */
    public static BrokerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable builder; not thread-safe, use from one thread. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 1883;
        private int ioThreads;
        private int maxConnections = 100_000;
        private int connectTimeoutSeconds = 10;
        private int writeBufferLowWaterMark = 32 * 1024;
        private int writeBufferHighWaterMark = 64 * 1024;
        private int maxPacketSize = 268_435_460;
        private int receiveMaximum = 1024;
        private int maxQos = 2;
        private boolean retainAvailable = true;
        private boolean wildcardSubscriptionsAvailable = true;
        private boolean sharedSubscriptionsAvailable = true;
        private boolean subscriptionIdentifiersAvailable = true;
        private int topicAliasMaximum = 16;
        private boolean outboundTopicAliases;
        private int maxKeepAlive = 65535;
        private int maxTopicLength = 65535;
        private int maxTopicLevels = 128;
        private int maxSubscriptionsPerClient = 1000;
        private int maxInflight = 65535;
        private long maxSessionExpiryInterval = MAX_INTERVAL;
        private int maxQueuedMessages = 10_000;
        private long maxQueuedBytes = 64L * 1024 * 1024;
        private boolean queueQos0Offline;
        private int backPressureHighWater = 1000;
        private long backPressureHighWaterBytes = 16L * 1024 * 1024;
        private long slowConsumerGraceMillis = 1000;
        private long maxPublisherPauseMillis = 5000;
        private boolean allowAnonymous = true;
        private Map<String, String> users = Map.of();
        private String passwordFile = "";
        private String aclFile = "";
        private long maintenanceIntervalMillis = 1000;
        private int sysIntervalSeconds;
        private String durability = "sync";
        private Path dataDir = Path.of("wren-data");
        private long flushIntervalMillis = 1000;
        private String corruptStore = "refuse";
        private long memoryBudgetBytes;
        private int memoryBudgetHeapPercent = 25;
        private long maxDiskBytes;
        private long minFreeDiskBytes = 256L * 1024 * 1024;
        private long diskCheckIntervalMillis = 1000;
        private Clock clock = Clock.systemUTC();
        private Supplier<Persistence> persistence = IN_MEMORY;
        private Authenticator authenticator;
        private Authorizer authorizer = Authorizer.ALLOW_ALL;

        private String responseInformation = "";
        private String adminHost = "127.0.0.1";
        private int adminPort = -1;
        private int tlsPort = -1;
        private String tlsCertFile = "";
        private String tlsKeyFile = "";
        private String tlsCaFile = "";
        private boolean tlsRequireClientCertificate;
        private int websocketPort = -1;
        private int websocketSecurePort = -1;
        private String websocketPath = "/mqtt";

        private Builder() {}

        private Builder(BrokerConfig c) {
            host = c.host; port = c.port; ioThreads = c.ioThreads; maxConnections = c.maxConnections;
            connectTimeoutSeconds = c.connectTimeoutSeconds; writeBufferLowWaterMark = c.writeBufferLowWaterMark;
            writeBufferHighWaterMark = c.writeBufferHighWaterMark; maxPacketSize = c.maxPacketSize;
            tlsPort = c.tlsPort; tlsCertFile = c.tlsCertFile; tlsKeyFile = c.tlsKeyFile; tlsCaFile = c.tlsCaFile;
            tlsRequireClientCertificate = c.tlsRequireClientCertificate; websocketPort = c.websocketPort;
            websocketSecurePort = c.websocketSecurePort; websocketPath = c.websocketPath;
            responseInformation = c.responseInformation; adminHost = c.adminHost; adminPort = c.adminPort;
            receiveMaximum = c.receiveMaximum; maxQos = c.maxQos; retainAvailable = c.retainAvailable;
            wildcardSubscriptionsAvailable = c.wildcardSubscriptionsAvailable;
            sharedSubscriptionsAvailable = c.sharedSubscriptionsAvailable;
            subscriptionIdentifiersAvailable = c.subscriptionIdentifiersAvailable;
            topicAliasMaximum = c.topicAliasMaximum; outboundTopicAliases = c.outboundTopicAliases;
            maxKeepAlive = c.maxKeepAlive; maxTopicLength = c.maxTopicLength; maxTopicLevels = c.maxTopicLevels;
            maxSubscriptionsPerClient = c.maxSubscriptionsPerClient; maxInflight = c.maxInflight;
            maxSessionExpiryInterval = c.maxSessionExpiryInterval; maxQueuedMessages = c.maxQueuedMessages;
            maxQueuedBytes = c.maxQueuedBytes; queueQos0Offline = c.queueQos0Offline;
            backPressureHighWater = c.backPressureHighWater; backPressureHighWaterBytes = c.backPressureHighWaterBytes;
            slowConsumerGraceMillis = c.slowConsumerGraceMillis; maxPublisherPauseMillis = c.maxPublisherPauseMillis;
            allowAnonymous = c.allowAnonymous; users = c.users; passwordFile = c.passwordFile; aclFile = c.aclFile;
            maintenanceIntervalMillis = c.maintenanceIntervalMillis; sysIntervalSeconds = c.sysIntervalSeconds;
            durability = c.durability; dataDir = c.dataDir; flushIntervalMillis = c.flushIntervalMillis;
            corruptStore = c.corruptStore;
            memoryBudgetBytes = c.memoryBudgetBytes; memoryBudgetHeapPercent = c.memoryBudgetHeapPercent;
            maxDiskBytes = c.maxDiskBytes; minFreeDiskBytes = c.minFreeDiskBytes;
            diskCheckIntervalMillis = c.diskCheckIntervalMillis;
            clock = c.clock;
            persistence = c.persistence;
            authenticator = c.authenticator;
            authorizer = c.authorizer;
        }

        /** Address to bind (default 127.0.0.1). */
        public Builder host(String v) { host = v; return this; }
        /** TCP port (default 1883); 0 = ephemeral. */
        public Builder port(int v) { port = v; return this; }
        /** Event-loop threads (default 0 = Netty's choice). */
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        /** Connections accepted at once (default 100000). */
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        /** Seconds a new connection has to send CONNECT (default 10). */
        public Builder connectTimeoutSeconds(int v) { connectTimeoutSeconds = v; return this; }
        /** Outbound buffer low water mark in bytes (default 32 KiB). */
        public Builder writeBufferLowWaterMark(int v) { writeBufferLowWaterMark = v; return this; }
        /** Outbound buffer high water mark in bytes (default 64 KiB). */
        public Builder writeBufferHighWaterMark(int v) { writeBufferHighWaterMark = v; return this; }
        /** Largest inbound packet (default 268435460, the protocol maximum). */
        public Builder maxPacketSize(int v) { maxPacketSize = v; return this; }
        /** Inbound Receive Maximum announced in CONNACK (default 1024). */
        public Builder receiveMaximum(int v) { receiveMaximum = v; return this; }
        /** Maximum QoS (default 2). */
        public Builder maxQos(int v) { maxQos = v; return this; }
        public Builder retainAvailable(boolean v) { retainAvailable = v; return this; }
        public Builder wildcardSubscriptionsAvailable(boolean v) { wildcardSubscriptionsAvailable = v; return this; }
        public Builder sharedSubscriptionsAvailable(boolean v) { sharedSubscriptionsAvailable = v; return this; }
        public Builder subscriptionIdentifiersAvailable(boolean v) { subscriptionIdentifiersAvailable = v; return this; }
        /** Inbound Topic Alias Maximum announced in CONNACK (default 16; 0 = no aliases). */
        public Builder topicAliasMaximum(int v) { topicAliasMaximum = v; return this; }
        /** Whether the broker assigns topic aliases on delivery (default false). */
        public Builder outboundTopicAliases(boolean v) { outboundTopicAliases = v; return this; }
        /** Longest keep alive accepted in seconds (default 65535). */
        public Builder maxKeepAlive(int v) { maxKeepAlive = v; return this; }
        public Builder maxTopicLength(int v) { maxTopicLength = v; return this; }
        public Builder maxTopicLevels(int v) { maxTopicLevels = v; return this; }
        /** Subscriptions per session (default 1000; 0 = unlimited). */
        public Builder maxSubscriptionsPerClient(int v) { maxSubscriptionsPerClient = v; return this; }
        /** Upper bound of the outbound in-flight window (default 65535: the client's Receive Maximum decides). */
        public Builder maxInflight(int v) { maxInflight = v; return this; }
        public Builder maxSessionExpiryInterval(long v) { maxSessionExpiryInterval = v; return this; }
        /** Messages queued per session (default 10000; 0 = none). */
        public Builder maxQueuedMessages(int v) { maxQueuedMessages = v; return this; }
        /** Payload bytes queued per session (default 64 MiB; 0 = none). */
        public Builder maxQueuedBytes(long v) { maxQueuedBytes = v; return this; }
        public Builder queueQos0Offline(boolean v) { queueQos0Offline = v; return this; }
        /** Waiting messages that pause a publisher (default 1000; 0 = no back-pressure). */
        public Builder backPressureHighWater(int v) { backPressureHighWater = v; return this; }
        /** Held bytes that pause a publisher (default 16 MiB; 0 = no byte mark). */
        public Builder backPressureHighWaterBytes(long v) { backPressureHighWaterBytes = v; return this; }
        /** How long a subscriber whose socket stopped draining still pauses publishers (default 1000 ms). */
        public Builder slowConsumerGraceMillis(long v) { slowConsumerGraceMillis = v; return this; }
        /** Longest publisher pause (default 5000 ms). */
        public Builder maxPublisherPauseMillis(long v) { maxPublisherPauseMillis = v; return this; }
        public Builder allowAnonymous(boolean v) { allowAnonymous = v; return this; }
        /** Username to password map for the built-in authenticator. */
        public Builder users(Map<String, String> v) { users = v; return this; }
        /** Response Information template ({@code %c} = client id; default "" = never returned). */
        public Builder responseInformation(String v) { responseInformation = v; return this; }
        /** Address of the admin HTTP endpoint (default 127.0.0.1). */
        public Builder adminHost(String v) { adminHost = v; return this; }
        /** Port of the admin HTTP endpoint: /metrics (Prometheus) and /health (default -1 = none). */
        public Builder adminPort(int v) { adminPort = v; return this; }
        /** MQTT over TLS port (default -1 = none). */
        public Builder tlsPort(int v) { tlsPort = v; return this; }
        /** PEM certificate chain for TLS and secure WebSocket. */
        public Builder tlsCertFile(String v) { tlsCertFile = v; return this; }
        /** PEM PKCS#8 private key for TLS and secure WebSocket. */
        public Builder tlsKeyFile(String v) { tlsKeyFile = v; return this; }
        /** PEM CAs of client certificates (default none). */
        public Builder tlsCaFile(String v) { tlsCaFile = v; return this; }
        /** Require a client certificate (default false). */
        public Builder tlsRequireClientCertificate(boolean v) { tlsRequireClientCertificate = v; return this; }
        /** MQTT over WebSocket port (default -1 = none). */
        public Builder websocketPort(int v) { websocketPort = v; return this; }
        /** MQTT over secure WebSocket port (default -1 = none). */
        public Builder websocketSecurePort(int v) { websocketSecurePort = v; return this; }
        /** HTTP path of the WebSocket endpoints (default /mqtt). */
        public Builder websocketPath(String v) { websocketPath = v; return this; }
        /** Password file of the built-in authenticator ({@code ""} = none). */
        public Builder passwordFile(String v) { passwordFile = v; return this; }
        /** ACL file of the built-in authorizer ({@code ""} = none). */
        public Builder aclFile(String v) { aclFile = v; return this; }
        /** Expiry sweep period (default 1000 ms; 0 = only explicit {@link Broker#runMaintenance()}). */
        public Builder maintenanceIntervalMillis(long v) { maintenanceIntervalMillis = v; return this; }
        /** $SYS publication period (default 0 = off). */
        public Builder sysIntervalSeconds(int v) { sysIntervalSeconds = v; return this; }
        /** {@code sync} (default), {@code async} or {@code none}; read by the command line only. */
        public Builder durability(String v) { durability = v; return this; }
        /** Store directory (default {@code wren-data}); read by the command line only. */
        public Builder dataDir(Path v) { dataDir = v; return this; }
        /** Group-commit interval of async durability (default 1000 ms); read by the command line only. */
        public Builder flushIntervalMillis(long v) { flushIntervalMillis = v; return this; }
        /** {@code refuse} (default) or {@code move-aside}; read by the command line only. */
        public Builder corruptStore(String v) { corruptStore = v; return this; }
        /** Broker-wide budget for queued and in-flight message bytes (default 0 = 25 % of the maximum heap). */
        public Builder memoryBudgetBytes(long v) { memoryBudgetBytes = v; return this; }
        /** The budget as a share of the maximum heap when {@link #memoryBudgetBytes} is 0 (default 25). */
        public Builder memoryBudgetHeapPercent(int v) { memoryBudgetHeapPercent = v; return this; }
        /** Disk quota of the durable store in bytes (default 0 = none). */
        public Builder maxDiskBytes(long v) { maxDiskBytes = v; return this; }
        /** Usable bytes that must stay free on the store's file system (default 256 MiB; 0 = no check). */
        public Builder minFreeDiskBytes(long v) { minFreeDiskBytes = v; return this; }
        /** How often the disk quota is checked (default 1000 ms). */
        public Builder diskCheckIntervalMillis(long v) { diskCheckIntervalMillis = v; return this; }
        /** Clock for all expiry decisions (default system UTC). */
        public Builder clock(Clock v) { clock = v; return this; }
        /**
         * Opens the persistence back end at start (default {@link #IN_MEMORY}). Called once per
         * {@link Broker#start}; the broker loads it before listening and closes it when it stops.
         */
        public Builder persistence(Supplier<Persistence> v) { persistence = v; return this; }
        /**
         * Embedding SPI (code only, not in the YAML file): the {@link Authenticator} that decides
         * every CONNECT, including MQTT 5.0 enhanced authentication through
         * {@link Authenticator#startExchange} (CONNECT/AUTH exchange and re-authentication).
         * It replaces the built-in one, so {@link #users} and {@link #allowAnonymous} are then
         * ignored. {@code null} (default) = the built-in
         * {@link dev.wren.broker.security.PasswordAuthenticator} over {@code users} and
         * {@code allowAnonymous}. Called on event loops: thread-safe and non-blocking.
         */
        public Builder authenticator(Authenticator v) { authenticator = v; return this; }
        /**
         * Embedding SPI (code only, not in the YAML file): the {@link Authorizer} asked for every
         * PUBLISH topic and every SUBSCRIBE filter. A refused PUBLISH gets PUBACK/PUBREC 0x87 (5.0)
         * or a normal acknowledgement (3.1.1, which has no negative one) and is not delivered; a
         * refused filter gets SUBACK 0x87 (5.0) / 0x80 (3.1.1). Default (and {@code null}):
         * {@link Authorizer#ALLOW_ALL}. Called on event loops: thread-safe, fast, non-blocking.
         */
        public Builder authorizer(Authorizer v) { authorizer = v; return this; }

        /** Validates and builds; throws {@link IllegalArgumentException} on a bad value. */
        public BrokerConfig build() {
            return new BrokerConfig(host, port, ioThreads, maxConnections, connectTimeoutSeconds,
                    writeBufferLowWaterMark, writeBufferHighWaterMark, tlsPort, tlsCertFile, tlsKeyFile, tlsCaFile,
                    tlsRequireClientCertificate, websocketPort, websocketSecurePort, websocketPath, adminHost, adminPort,
                    maxPacketSize,
                    receiveMaximum, maxQos,
                    retainAvailable, wildcardSubscriptionsAvailable, sharedSubscriptionsAvailable,
                    subscriptionIdentifiersAvailable, topicAliasMaximum, outboundTopicAliases, responseInformation,
                    maxKeepAlive,
                    maxTopicLength, maxTopicLevels, maxSubscriptionsPerClient, maxInflight,
                    maxSessionExpiryInterval, maxQueuedMessages, maxQueuedBytes, queueQos0Offline,
                    backPressureHighWater, backPressureHighWaterBytes, slowConsumerGraceMillis,
                    maxPublisherPauseMillis, allowAnonymous, users, passwordFile, aclFile, maintenanceIntervalMillis,
                    sysIntervalSeconds,
                    durability, dataDir, flushIntervalMillis, corruptStore, memoryBudgetBytes, memoryBudgetHeapPercent,
                    maxDiskBytes, minFreeDiskBytes, diskCheckIntervalMillis, clock, persistence, authenticator,
                    authorizer);
        }
    }
}
