package dev.wren.broker.persistence.rocksdb;

import dev.wren.codec.packet.Will;
import java.util.Objects;

/**
 * The durable part of a session, keyed by client id in the {@code sessions} column family.
 * Subscriptions, queue entries and inbound QoS 2 ids are separate records under the same
 * client id, so that one SUBSCRIBE or one PUBACK rewrites only a few bytes.
 *
 * @param clientId the client identifier
 * @param protocolVersion 3, 4 or 5 (the CONNECT protocol level)
 * @param expiryIntervalSeconds Session Expiry Interval; {@code 0xFFFFFFFF} never expires
 * @param disconnectedAtMillis when the client disconnected, or {@code -1} while connected
 * @param will the Will Message still to be published if the client does not come back: while
 *     connected, the will of its CONNECT; while offline, the delayed will the broker passed on
 *     disconnect ({@code null} once published, suppressed by a normal DISCONNECT, or if there was none)
 */
public record StoredSession(
        String clientId,
        int protocolVersion,
        long expiryIntervalSeconds,
        long disconnectedAtMillis,
        Will will) {

    /** The Session Expiry Interval meaning "never expires" (3.1.2.11.2). */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    public StoredSession {
        Objects.requireNonNull(clientId, "clientId");
    }

    /** Whether the session has expired at {@code nowMillis}; a connected session never has. */
    public boolean isExpired(long nowMillis) {
        if (disconnectedAtMillis < 0 || expiryIntervalSeconds == NEVER_EXPIRES) {
            return false;
        }
        return nowMillis >= disconnectedAtMillis + expiryIntervalSeconds * 1000L;
    }

    /** A copy marked as disconnected at {@code nowMillis}. */
    public StoredSession disconnectedAt(long nowMillis) {
        return new StoredSession(clientId, protocolVersion, expiryIntervalSeconds, nowMillis, will);
    }
}
