package dev.wren.client.internal;

import dev.wren.client.MqttClientException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Blocking waits for the blocking API: cheap on virtual threads, which park instead of pinning. */
public final class Futures {
    private Futures() {}

    /** The result of {@code f}; its failure rethrown as {@link MqttClientException}. */
    public static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MqttClientException m) {
                throw m;
            }
            throw new MqttClientException("operation failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttClientException("interrupted while waiting", e);
        }
    }
}
