package dev.wren.cli.bench;

import dev.wren.client.ClientOptions;
import dev.wren.client.ConnectionEvent;
import dev.wren.client.MqttClient;
import dev.wren.client.OfflinePolicy;
import dev.wren.client.ReconnectPolicy;
import dev.wren.codec.QoS;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The message scenarios: {@code fanin} (N publishers, one wildcard subscriber), {@code fanout}
 * (one publisher, N subscribers), {@code pairs} (N publisher/subscriber pairs on their own
 * topics) and {@code latency} (N pairs at a fixed total rate).
 *
 * <p>Not thread-safe: {@link #run()} is called once, from one thread.
 */
final class ThroughputRun {
    private final String scenario;
    private final BenchOptions o;
    private final EventLoopGroup group;
    private final Stats stats = new Stats();
    private final String base = "wren-bench/" + Long.toHexString(System.nanoTime());
    private final List<MqttClient> clients = new ArrayList<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<Publisher> publishers = new ArrayList<>();
    private final List<String> persistentIds = new ArrayList<>();
    private final int duration;
    private final int count;

    ThroughputRun(String scenario, BenchOptions o, EventLoopGroup group) {
        this(scenario, o, group, o.duration, o.count);
    }

    /** A run of {@code duration} seconds or {@code count} messages per publisher (a warm-up: count 0). */
    ThroughputRun(String scenario, BenchOptions o, EventLoopGroup group, int duration, int count) {
        this.scenario = scenario;
        this.o = o;
        this.group = group;
        this.duration = duration;
        this.count = count;
    }

    Report run() {
        int n = o.clients(scenario.equals("latency") ? 1 : 10);
        int pubs = scenario.equals("fanout") ? 1 : n;
        int subs = scenario.equals("fanin") ? 1 : n;
        CpuMeter cpu = new CpuMeter();
        try {
            setUp(pubs, subs);
            Progress progress = new Progress(stats, o.noProgress);
            long start = System.nanoTime();
            publish(progress);
            long published = System.nanoTime();
            long expectedPerMessage = scenario.equals("fanout") ? subs : 1;
            drain(expectedPerMessage, progress);
            progress.stop();
            return report(pubs, subs, expectedPerMessage, (published - start) / 1e9, cpu);
        } finally {
            closeAll();
        }
    }

    private void setUp(int pubs, int subs) {
        QoS qos = o.qos();
        List<CompletableFuture<?>> ready = new ArrayList<>();
        for (int i = 0; i < subs; i++) {
            MqttClient c = client("s" + i, o.sessionExpiry());
            Subscriber s = new Subscriber(stats, pubs);
            subscribers.add(s);
            c.onMessage(s::onMessage);
            String filter = switch (scenario) {
                case "fanin" -> base + "/+";
                case "fanout" -> base + "/0";
                default -> base + "/" + i;
            };
            ready.add(c.connectAsync().thenCompose(r -> c.subscribeAsync(filter, qos)));
        }
        for (int i = 0; i < pubs; i++) {
            MqttClient c = client("p" + i, 0);
            publishers.add(new Publisher(c, i, base + "/" + i, qos, o.size, count, stats));
            ready.add(c.connectAsync());
        }
        BenchCommand.await(CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)), "connect and subscribe");
    }

    /** A client; {@code sessionExpiry > 0} makes its session persistent (Clean Start 0) and discarded after the run. */
    private MqttClient client(String role, long sessionExpiry) {
        String id = "wb-" + base.substring(base.indexOf('/') + 1) + "-" + role;
        if (sessionExpiry > 0) {
            persistentIds.add(id);
        }
        ClientOptions options = ClientOptions.builder().host(o.host).port(o.port).version(o.mqttVersion())
                .clientId(id).cleanStart(sessionExpiry == 0).sessionExpiryInterval(sessionExpiry)
                .reconnect(ReconnectPolicy.NEVER).eventLoopGroup(group)
                .offlineBuffer(Math.max(o.window, 1024) * 4, OfflinePolicy.REJECT_NEW)
                .connectTimeout(Duration.ofSeconds(30)).connectionListener(e -> {
                    if (e instanceof ConnectionEvent.Disconnected d && d.cause() != null) {
                        stats.disconnected(d);
                    }
                }).build();
        MqttClient c = MqttClient.create(options);
        clients.add(c);
        return c;
    }

    private void publish(Progress progress) {
        long end = count > 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
        ScheduledExecutorService ticker = null;
        if (scenario.equals("latency")) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "wren-bench-rate"));
            startFixedRate(ticker);
        } else {
            for (Publisher p : publishers) {
                p.start(o.window);
            }
        }
        while (System.nanoTime() < end && !publishers.stream().allMatch(Publisher::finished)) {
            progress.tickIfDue();
            sleepQuietly(50);
        }
        publishers.forEach(Publisher::stop);
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private void startFixedRate(ScheduledExecutorService ticker) {
        double perPublisherPerMs = (double) o.rate / publishers.size() / 1000.0;
        long t0 = System.nanoTime();
        long[] issued = new long[publishers.size()];
        ticker.scheduleAtFixedRate(() -> {
            double elapsedMs = (System.nanoTime() - t0) / 1e6;
            long due = (long) (elapsedMs * perPublisherPerMs);
            for (int i = 0; i < issued.length; i++) {
                for (; issued[i] < due; issued[i]++) {
                    publishers.get(i).sendOne();
                }
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
    }

    /** Waits for acknowledgements, then for deliveries until all expected arrived or none came for a second. */
    private void drain(long expectedPerMessage, Progress progress) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stats.acked.sum() + stats.errors.sum() < stats.sent.sum() && System.nanoTime() < deadline) {
            progress.tickIfDue();
            sleepQuietly(20);
        }
        long lastCount = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long got = stats.received.sum();
            if (got >= stats.acked.sum() * expectedPerMessage) {
                return;
            }
            if (got != lastCount) {
                lastCount = got;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(1)) {
                return;
            }
            progress.tickIfDue();
            sleepQuietly(20);
        }
    }

    private Report report(int pubs, int subs, long expectedPerMessage, double seconds, CpuMeter cpu) {
        stats.interval();
        var h = stats.total();
        var ack = stats.ackTotal();
        long received = stats.received.sum();
        long expected = stats.acked.sum() * expectedPerMessage;
        return new Report().put("scenario", scenario).put("qos", o.qos).put("publishers", pubs)
                .put("subscribers", subs).put("payload_bytes", Math.max(Probe.HEADER, o.size))
                .put("duration_s", seconds).put("sent", stats.sent.sum()).put("acked", stats.acked.sum())
                .put("received", received).put("expected", expected).put("lost", Math.max(0, expected - received))
                .put("duplicates", stats.duplicates.sum()).put("errors", stats.errors.sum())
                .put("disconnects", stats.disconnects.sum())
                .put("throughput", seconds > 0 ? received / seconds : 0.0)
                .put("publish_rate", seconds > 0 ? stats.acked.sum() / seconds : 0.0)
                .put("latency_p50_us", h.getValueAtPercentile(50)).put("latency_p99_us", h.getValueAtPercentile(99))
                .put("latency_p999_us", h.getValueAtPercentile(99.9)).put("latency_max_us", h.getMaxValue())
                .put("ack_latency_p50_us", ack.getValueAtPercentile(50))
                .put("ack_latency_p99_us", ack.getValueAtPercentile(99))
                .put("ack_latency_max_us", ack.getMaxValue())
                .put("persistent_subscribers", o.sessionExpiry() > 0)
                .put("bench_cpu_percent", cpu.percent()).put("last_error", stats.lastError());
    }

    private void closeAll() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (MqttClient c : clients) {
            closing.add(CompletableFuture.runAsync(c::close));
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        discardSessions();
    }

    /**
     * Ends the persistent sessions this run created, so that they do not keep collecting
     * messages (and store writes) in the broker: connecting with Clean Start 1 and no Session
     * Expiry discards the old session [MQTT-3.1.2-4], closing then ends the new one.
     */
    private void discardSessions() {
        List<CompletableFuture<Void>> discarding = new ArrayList<>();
        for (String id : persistentIds) {
            MqttClient c = MqttClient.create(ClientOptions.builder().host(o.host).port(o.port).version(o.mqttVersion())
                    .clientId(id).cleanStart(true).sessionExpiryInterval(0).reconnect(ReconnectPolicy.NEVER)
                    .eventLoopGroup(group).connectTimeout(Duration.ofSeconds(30)).build());
            discarding.add(c.connectAsync().handleAsync((r, e) -> {
                c.close();
                if (e != null) {
                    System.err.println("could not discard the bench session " + id + ": " + e.getMessage());
                }
                return null;
            }));
        }
        CompletableFuture.allOf(discarding.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
    }

    /** Paces the coordinating thread only; no test or protocol logic depends on it. */
    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
