package dev.wren.client.internal;

import dev.wren.client.MqttClientException;
import dev.wren.codec.ReasonCode;
import java.util.concurrent.CompletableFuture;

/** Builders for the exceptions that futures fail with. */
final class Failures {
    private Failures() {}

    static MqttClientException rejected(String what, ReasonCode rc, String reasonString) {
        return new MqttClientException(rc, what + " rejected by the server", reasonString);
    }

    static MqttClientException local(String message) {
        return new MqttClientException(message, null);
    }

    static <T> CompletableFuture<T> failed(MqttClientException e) {
        return CompletableFuture.failedFuture(e);
    }
}
