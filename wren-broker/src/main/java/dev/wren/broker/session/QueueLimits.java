package dev.wren.broker.session;

/**
 * Per-session queue limits.
 *
 * @param maxMessages messages a session may queue (offline, or online behind a full window)
 * @param maxBytes payload + topic bytes a session may queue
 * @param queueQos0Offline whether QoS 0 messages are queued while the session is offline
 */
public record QueueLimits(int maxMessages, long maxBytes, boolean queueQos0Offline) {
}
