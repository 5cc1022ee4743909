package dev.wren.client.internal;

import dev.wren.client.Message;
import dev.wren.client.MqttClientException;
import dev.wren.codec.Binary;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * MQTT 5.0 request/response (4.10): matches responses to requests by Correlation Data.
 * Thread-safe (a concurrent map).
 */
public final class Requests {
    private final Map<Binary, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();

    /** Waits for the response with {@code correlation}; fails after {@code timeout}. */
    public CompletableFuture<Message> expect(Binary correlation, Duration timeout, ScheduledExecutorService timer) {
        CompletableFuture<Message> f = new CompletableFuture<>();
        pending.put(correlation, f);
        timer.schedule(() -> {
            if (pending.remove(correlation, f)) {
                f.completeExceptionally(new MqttClientException("no response within " + timeout.toMillis() + " ms", null));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return f;
    }

    /** Abandons a request that could not be sent. */
    public void cancel(Binary correlation, Throwable why) {
        CompletableFuture<Message> f = pending.remove(correlation);
        if (f != null) {
            f.completeExceptionally(why);
        }
    }

    /** Completes the matching request and returns true, or returns false for an ordinary message. */
    public boolean offer(Message m) {
        Binary correlation = m.properties().correlationData();
        if (correlation == null || pending.isEmpty()) {
            return false;
        }
        CompletableFuture<Message> f = pending.remove(correlation);
        if (f == null) {
            return false;
        }
        f.complete(m);
        return true;
    }
}
