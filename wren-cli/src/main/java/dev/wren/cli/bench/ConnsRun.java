package dev.wren.cli.bench;

import dev.wren.client.ClientOptions;
import dev.wren.client.MqttClient;
import dev.wren.client.ReconnectPolicy;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The {@code conns} scenario: opens N idle connections with bounded concurrency, reports the
 * connect rate, holds them for the duration and, given the broker's PID, its resident memory
 * per connection (from {@code /proc/PID/status}, Linux only).
 *
 * <p>Not thread-safe: {@link #run()} is called once, from one thread.
 */
final class ConnsRun {
    private final BenchOptions o;
    private final EventLoopGroup group;
    private final Stats stats = new Stats();
    private final List<MqttClient> clients = new ArrayList<>();

    ConnsRun(BenchOptions o, EventLoopGroup group) {
        this.o = o;
        this.group = group;
    }

    Report run() {
        int n = o.clients(1000);
        CpuMeter cpu = new CpuMeter();
        long rssBefore = rssKb();
        long heapBefore = o.brokerPid == null ? -1 : JvmHeap.usedKbAfterGc(o.brokerPid);
        String prefix = "wc-" + Long.toHexString(System.nanoTime()) + "-";
        Semaphore permits = new Semaphore(o.connectConcurrency);
        long start = System.nanoTime();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            permits.acquireUninterruptibly();
            MqttClient c = MqttClient.create(ClientOptions.builder().host(o.host).port(o.port)
                    .version(o.mqttVersion()).clientId(prefix + i).keepAlive(600).reconnect(ReconnectPolicy.NEVER)
                    .eventLoopGroup(group).connectTimeout(Duration.ofSeconds(30)).build());
            clients.add(c);
            all.add(c.connectAsync().whenComplete((r, e) -> {
                permits.release();
                if (e != null) {
                    stats.error(e);
                } else {
                    stats.acked.increment();
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        ThroughputRun.sleepQuietly(TimeUnit.SECONDS.toMillis(Math.max(1, o.duration)));
        long rssAfter = rssKb();
        long heapAfter = o.brokerPid == null ? -1 : JvmHeap.usedKbAfterGc(o.brokerPid);
        long connected = clients.stream().filter(MqttClient::isConnected).count();
        Report r = new Report().put("scenario", "conns").put("connections", (long) n)
                .put("connected", stats.acked.sum()).put("failed", stats.errors.sum())
                .put("still_connected", connected).put("connect_seconds", connectSeconds)
                .put("connect_rate", connectSeconds > 0 ? stats.acked.sum() / connectSeconds : 0.0);
        if (rssBefore > 0 && rssAfter > 0) {
            r.put("broker_rss_before_kb", rssBefore).put("broker_rss_after_kb", rssAfter)
                    .put("broker_bytes_per_connection", connected > 0 ? (rssAfter - rssBefore) * 1024.0 / connected : 0.0);
        }
        if (heapBefore > 0 && heapAfter > 0) {
            r.put("broker_heap_before_kb", heapBefore).put("broker_heap_after_kb", heapAfter)
                    .put("broker_heap_bytes_per_connection", connected > 0 ? (heapAfter - heapBefore) * 1024.0 / connected : 0.0);
        }
        r.put("bench_cpu_percent", cpu.percent()).put("last_error", stats.lastError());
        closeAll();
        return r;
    }

    private long rssKb() {
        if (o.brokerPid == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + o.brokerPid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            stats.error(e);
        }
        return -1;
    }

    private void closeAll() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (MqttClient c : clients) {
            closing.add(c.disconnectAsync());
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
    }
}
