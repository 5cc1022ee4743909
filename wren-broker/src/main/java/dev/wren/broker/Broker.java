package dev.wren.broker;

import dev.wren.broker.connection.Admission;
import dev.wren.broker.connection.BrokerContext;
import dev.wren.broker.metrics.BrokerMetrics;
import dev.wren.broker.metrics.Metric;
import dev.wren.broker.metrics.PrometheusText;
import dev.wren.broker.metrics.StoreMetrics;
import dev.wren.broker.metrics.SysPublisher;
import dev.wren.broker.persistence.DiskQuota;
import dev.wren.broker.persistence.Persistence;
import dev.wren.broker.persistence.StoredState;
import dev.wren.broker.persistence.StoredSubscription;
import dev.wren.broker.retained.RetainedTrie;
import dev.wren.broker.routing.ConcurrentTopicTrie;
import dev.wren.broker.routing.Router;
import dev.wren.broker.security.AclAuthorizer;
import dev.wren.broker.security.Authenticator;
import dev.wren.broker.security.Authorizer;
import dev.wren.broker.security.PasswordAuthenticator;
import dev.wren.broker.security.Refreshable;
import dev.wren.broker.session.MemoryBudget;
import dev.wren.broker.session.Message;
import dev.wren.broker.session.QueueLimits;
import dev.wren.broker.session.Session;
import dev.wren.broker.session.SessionRegistry;
import dev.wren.broker.transport.AdminHttpInitializer;
import dev.wren.broker.transport.Listener;
import dev.wren.broker.transport.ListenerInitializer;
import dev.wren.broker.transport.Listeners;
import dev.wren.broker.transport.MqttChannelInitializer;
import dev.wren.broker.transport.NettyServer;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable MQTT 3.1 / 3.1.1 / 5.0 broker.
 *
 * <pre>{@code
 * try (Broker broker = Broker.start(BrokerConfig.builder().port(0).build())) {
 *     int port = broker.port();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safety: all methods may be called from any thread; {@link #close()} is idempotent.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final BrokerMetrics metrics = new BrokerMetrics();
    private final Persistence persistence;
    private final Router router;
    private final SessionRegistry sessions;
    private final NettyServer server;
    private final InetSocketAddress address;
    private final ScheduledFuture<?> maintenance;
    private final ScheduledFuture<?> sys;
    private final MemoryBudget budget;
    private final DiskQuota diskQuota;
    /** Checks the disk quota on a thread of its own (reading sizes is a system call), or {@code null}. */
    private final ScheduledExecutorService diskCheck;
    private volatile boolean closed;
    /** Bound addresses of the TLS and WebSocket listeners by name ({@code mqtts}, {@code ws}, {@code wss}). */
    private final Map<String, InetSocketAddress> listenerAddresses = new LinkedHashMap<>();
    /** Password and ACL files re-read from the maintenance sweep when they change. */
    private final List<Refreshable> refreshables;

    private Broker(BrokerConfig config) {
        this.config = config;
        // Security files first: a bad one stops the start before the store is opened and locked.
        Authenticator authenticator = authenticator(config);
        Authorizer authorizer = authorizer(config);
        this.refreshables = Stream.of(authenticator, authorizer)
                .filter(Refreshable.class::isInstance).map(Refreshable.class::cast).toList();
        List<Listener> extraListeners = Listeners.extra(config); // TLS files are read here, before the store opens
        this.persistence = config.persistence().get();
        StoredState stored = persistence.load(); // exactly once, before any other store call
        this.router = new Router(new ConcurrentTopicTrie<>(), new RetainedTrie<>(), persistence);
        this.budget = MemoryBudget.of(config.memoryBudgetBytes(), config.memoryBudgetHeapPercent());
        this.sessions = new SessionRegistry(router,
                QueueLimits.of(config, System::nanoTime).withBudget(budget),
                metrics, config.clock(), persistence);
        this.diskQuota = new DiskQuota(persistence.durable() ? persistence : null, config.maxDiskBytes(),
                config.minFreeDiskBytes(), metrics);
        metrics.gauge(Metric.MEMORY_BUDGET_USED, budget::used);
        metrics.gauge(Metric.MEMORY_BUDGET, budget::budget);
        metrics.gauge(Metric.RETAINED_CURRENT, router::retainedCount);
        metrics.gauge(Metric.SUBSCRIPTIONS_CURRENT, router::subscriptionCount);
        metrics.gauge(Metric.SESSIONS_CURRENT, sessions::size);
        if (persistence.durable()) {
            StoreMetrics.register(metrics, persistence);
        }
        BrokerContext context = new BrokerContext(config, metrics, sessions, router,
                authenticator, authorizer,
                config.clock(), persistence.durable() ? persistence : null,
                new Admission(budget, diskQuota, metrics, sessions::spillOffline));
        this.server = new NettyServer(config);
        restore(stored);
        try {
            MqttChannelInitializer mqtt = new MqttChannelInitializer(context, server.channels());
            this.address = server.bind(mqtt);
            for (Listener l : extraListeners) {
                InetSocketAddress bound = server.bind(l.port(), new ListenerInitializer(l, mqtt,
                        config.maxPacketSize(), config.connectTimeoutSeconds() * 1000L));
                listenerAddresses.put(l.name(), bound);
                LOG.info("Wren broker listening for {} on {}:{}", l.name(), bound.getHostString(), bound.getPort());
            }
            if (config.adminPort() >= 0) {
                long started = System.nanoTime();
                InetSocketAddress admin = server.bind(config.adminHost(), config.adminPort(), new AdminHttpInitializer(
                        () -> PrometheusText.render(metrics, (System.nanoTime() - started) / 1_000_000_000L),
                        () -> !closed));
                listenerAddresses.put("admin", admin);
                LOG.info("Wren admin endpoint (GET /metrics, /health) on http://{}:{}", admin.getHostString(),
                        admin.getPort());
            }
        } catch (RuntimeException e) {
            server.close();
            persistence.close();
            throw e;
        }
        this.diskCheck = scheduleDiskCheck();
        long period = config.maintenanceIntervalMillis();
        this.maintenance = period > 0
                ? server.workerGroup().next().scheduleAtFixedRate(this::runMaintenanceSafely, period, period,
                        TimeUnit.MILLISECONDS)
                : null;
        this.sys = config.sysIntervalSeconds() > 0 ? scheduleSys(config.sysIntervalSeconds()) : null;
        LOG.info("Wren broker listening on {}:{}", address.getHostString(), address.getPort());
    }

    /** The embedder's authenticator, or the built-in one over the configured users and password file. */
    private static Authenticator authenticator(BrokerConfig config) {
        if (config.authenticator() != null) {
            return config.authenticator();
        }
        return new PasswordAuthenticator(config.users(),
                config.passwordFile().isEmpty() ? null : Path.of(config.passwordFile()), config.allowAnonymous());
    }

    /** The ACL file's authorizer if one is configured, else the embedder's (default: allow all). */
    private static Authorizer authorizer(BrokerConfig config) {
        return config.aclFile().isEmpty() ? config.authorizer() : new AclAuthorizer(Path.of(config.aclFile()));
    }

    /** Rebuilds retained messages and offline sessions from the store, before the listener opens. */
    private void restore(StoredState stored) {
        long now = config.clock().millis();
        for (Message m : stored.retained()) {
            if (!m.isExpired(now)) {
                router.restoreRetained(m);
            }
        }
        List<StoredState.StoredSession> endedWhileDown = new ArrayList<>();
        for (StoredState.StoredSession ss : stored.sessions()) {
            if (persistence.restoresWills() && ss.will() != null && SessionRegistry.expiredAt(ss, now)) {
                endedWhileDown.add(ss);
                continue;
            }
            Session s = sessions.restore(ss, server.nextLoop(), now);
            if (s != null) {
                for (StoredSubscription sub : ss.subscriptions()) {
                    router.subscribe(s, sub.subscription(), sub.subscriptionId());
                }
            }
        }
        publishOverdueWills(endedWhileDown, now);
        if (!stored.sessions().isEmpty() || !stored.retained().isEmpty()) {
            LOG.info("restored {} sessions and {} retained messages", sessions.size(), router.retainedCount());
        }
    }

    /**
     * Sessions that ended while the broker was down still owe their pending will: the Server
     * publishes it when the Will Delay Interval passes or the session ends, whichever is first
     * (MQTT 5.0 3.1.3.2.2), so it goes out now, late but once, after every other session is
     * back so that all of them can receive it. The session is removed after the will is routed;
     * both are store writes committed in order, so a crash in between publishes it again
     * (at-least-once, like every will across a crash) and never loses it.
     */
    private void publishOverdueWills(List<StoredState.StoredSession> ended, long now) {
        for (StoredState.StoredSession ss : ended) {
            LOG.info("session {} expired while the broker was down: publishing its will to '{}'",
                    ss.clientId(), ss.will().topic());
            metrics.increment(Metric.WILLS_PUBLISHED);
            router.publishWill(Message.ofWill(ss.will(), ss.clientId(), now), null);
            persistence.sessions().removeSession(ss.clientId());
        }
    }

    private ScheduledExecutorService scheduleDiskCheck() {
        if (!diskQuota.active()) {
            return null;
        }
        diskQuota.check(); // at once: a full disk refuses from the first PUBLISH on
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("wren-disk-quota").daemon().unstarted(r));
        long period = config.diskCheckIntervalMillis();
        s.scheduleWithFixedDelay(() -> {
            try {
                diskQuota.check();
            } catch (RuntimeException e) {
                LOG.warn("disk quota check failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return s;
    }

    private ScheduledFuture<?> scheduleSys(int seconds) {
        SysPublisher publisher = new SysPublisher(metrics, router::publish, config.clock());
        return server.workerGroup().next().scheduleAtFixedRate(() -> {
            try {
                publisher.publishAll();
            } catch (RuntimeException e) {
                LOG.warn("$SYS publication failed", e);
            }
        }, 0, seconds, TimeUnit.SECONDS);
    }

    /**
     * Starts a broker and returns once it listens.
     *
     * @throws BrokerStartException if the address cannot be bound
     */
    public static Broker start(BrokerConfig config) {
        return new Broker(config);
    }

    /** The bound TCP port (the ephemeral one if the configured port was 0). */
    public int port() {
        return address.getPort();
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * The bound addresses of the other listeners that are on: {@code mqtts} (TLS), {@code ws}
     * (WebSocket), {@code wss} (WebSocket over TLS) and {@code admin} (HTTP), in that order.
     */
    public Map<String, InetSocketAddress> listenerAddresses() {
        return Collections.unmodifiableMap(listenerAddresses);
    }

    /** The configuration this broker runs with. */
    public BrokerConfig config() {
        return config;
    }

    /** The broker-wide memory budget for queued and in-flight messages (usage and limit). */
    public MemoryBudget memoryBudget() {
        return budget;
    }

    /** The disk quota of the durable store; {@link DiskQuota#check()} runs it now (tests). */
    public DiskQuota diskQuota() {
        return diskQuota;
    }

    /** Counters and gauges, read-only for callers. */
    public BrokerMetrics metrics() {
        return metrics;
    }

    /**
     * Runs one expiry sweep now, with time from the configured clock: ends expired offline
     * sessions, publishes due delayed wills, drops expired retained messages. The broker also
     * runs it every {@link BrokerConfig#maintenanceIntervalMillis()}.
     */
    public void runMaintenance() {
        long now = config.clock().millis();
        sessions.maintain(now);
        router.expireRetained(now);
        refreshables.forEach(Refreshable::refresh);
    }

    private void runMaintenanceSafely() {
        try {
            runMaintenance();
        } catch (RuntimeException e) {
            LOG.warn("maintenance failed", e);
        }
    }

    /**
     * Stops the broker gracefully: stops accepting, sends DISCONNECT 0x8B (Server shutting
     * down) to MQTT 5 clients and closes every connection, publishing wills as for any
     * connection closed without a normal DISCONNECT, then stops the event loops.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (maintenance != null) {
            maintenance.cancel(false);
        }
        if (sys != null) {
            sys.cancel(false);
        }
        if (diskCheck != null) {
            diskCheck.shutdownNow();
            try {
                diskCheck.awaitTermination(5, TimeUnit.SECONDS); // it reads the store, which is closed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.stopAccepting();
        server.disconnectAll(5_000);
        server.close();
        persistence.close();
        LOG.info("Wren broker stopped");
    }
}
