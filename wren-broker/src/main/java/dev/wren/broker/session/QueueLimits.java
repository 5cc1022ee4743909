package dev.wren.broker.session;

import dev.wren.broker.BrokerConfig;
import java.util.function.LongSupplier;

/**
 * Per-session queue limits.
 *
 * @param maxMessages messages a session may queue (offline, or online behind a full window)
 * @param maxBytes payload + topic bytes a session may queue
 * @param queueQos0Offline whether QoS 0 messages are queued while the session is offline
 * @param backPressure when a session pauses the publishers that fill it
 */
public record QueueLimits(int maxMessages, long maxBytes, boolean queueQos0Offline, BackPressure backPressure) {

    /** Limits without publisher back-pressure. */
    public QueueLimits(int maxMessages, long maxBytes, boolean queueQos0Offline) {
        this(maxMessages, maxBytes, queueQos0Offline, BackPressure.OFF);
    }

    /** The limits and back-pressure marks of {@code config}; {@code ticker} gives monotonic nanoseconds. */
    public static QueueLimits of(BrokerConfig config, LongSupplier ticker) {
        return new QueueLimits(config.maxQueuedMessages(), config.maxQueuedBytes(), config.queueQos0Offline(),
                BackPressure.of(config.backPressureHighWater(), config.backPressureHighWaterBytes(),
                        config.maxQueuedMessages(), config.maxQueuedBytes(), config.slowConsumerGraceMillis(),
                        config.maxPublisherPauseMillis(), ticker));
    }
}
