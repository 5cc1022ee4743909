package dev.wren.client;

/**
 * What {@code publish} does when the offline buffer (messages accepted while disconnected or
 * while the server's Receive Maximum is used up) is full.
 */
public enum OfflinePolicy {
    /** Fail the new publish at once with {@link MqttClientException}. */
    REJECT_NEW,
    /** Fail the oldest buffered message's future and buffer the new one. */
    DROP_OLDEST
}
