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
 * @param budget the broker-wide memory budget all sessions' queues share
 */
public record QueueLimits(int maxMessages, long maxBytes, boolean queueQos0Offline, BackPressure backPressure,
        MemoryBudget budget) {

    /** Limits without publisher back-pressure and without a broker-wide budget. */
    public QueueLimits(int maxMessages, long maxBytes, boolean queueQos0Offline) {
        this(maxMessages, maxBytes, queueQos0Offline, BackPressure.OFF);
    }

    /** Limits without a broker-wide budget. */
    public QueueLimits(int maxMessages, long maxBytes, boolean queueQos0Offline, BackPressure backPressure) {
        this(maxMessages, maxBytes, queueQos0Offline, backPressure, MemoryBudget.UNLIMITED);
    }

    /** These limits sharing {@code newBudget}. */
    public QueueLimits withBudget(MemoryBudget newBudget) {
        return new QueueLimits(maxMessages, maxBytes, queueQos0Offline, backPressure, newBudget);
    }

    /**
     * The limits and back-pressure marks of {@code config}, without a broker-wide budget (the broker
     * adds its own with {@link #withBudget}); {@code ticker} gives monotonic nanoseconds.
     */
    public static QueueLimits of(BrokerConfig config, LongSupplier ticker) {
        return new QueueLimits(config.maxQueuedMessages(), config.maxQueuedBytes(), config.queueQos0Offline(),
                BackPressure.of(config.backPressureHighWater(), config.backPressureHighWaterBytes(),
                        config.maxQueuedMessages(), config.maxQueuedBytes(), config.slowConsumerGraceMillis(),
                        config.maxPublisherPauseMillis(), ticker));
    }
}
