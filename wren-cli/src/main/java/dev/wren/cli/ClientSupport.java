package dev.wren.cli;

import dev.wren.client.MqttClient;
import dev.wren.client.MqttClientException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Shared steps of the client commands: connecting with readable errors, validating {@code -D}. */
final class ClientSupport {
    private static final Set<String> KNOWN = Set.of(
            "connect:user-property",
            "publish:user-property", "publish:content-type", "publish:response-topic",
            "publish:correlation-data", "publish:message-expiry-interval", "publish:payload-format-indicator",
            "subscribe:user-property", "subscribe:subscription-identifier");

    private ClientSupport() {}

    static void checkProperties(ConnectionOptions o) {
        for (PropertyArgs.Property p : o.properties) {
            if (!KNOWN.contains(p.command() + ":" + p.name())) {
                throw new CliException(ExitCodes.USAGE, "unsupported property -D " + p.command() + " " + p.name()
                        + "; supported: " + String.join(", ", KNOWN.stream().sorted().toList()));
            }
        }
        if (!o.properties.isEmpty() && !o.version().isV5()) {
            throw new CliException(ExitCodes.USAGE, "-D properties need MQTT 5 (-V 5)");
        }
    }

    static void connect(MqttClient client, ConnectionOptions o) {
        try {
            client.connect();
        } catch (MqttClientException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    /** Waits for {@code f}, turning its failure into {@link MqttClientException}. */
    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MqttClientException m) {
                throw m;
            }
            throw new MqttClientException("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttClientException("interrupted", e);
        }
    }

    static long parseLong(String what, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, what + " must be a number, not '" + value + "'");
        }
    }
}
