package dev.wren.broker.persistence;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.packet.Will;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Session state changes of persistent sessions. Thread-safe. */
public interface SessionStore {
    /** A session was created or resumed by CONNECT (before CONNACK). */
    CompletionStage<Void> saveSession(String clientId, MqttVersion version, long expiryInterval, Will will);

    /** The session went offline at {@code atMillis} (wall clock), starting its expiry. */
    CompletionStage<Void> disconnected(String clientId, long atMillis, long expiryInterval);

    /**
     * The session went offline at {@code atMillis}, or its delayed will was published since (then
     * called again with the same {@code atMillis} and no will). {@code pendingWill} is the will
     * still to be published if the client does not come back in time [MQTT-3.1.3-9], or
     * {@code null}: none, published at once, or suppressed by a normal DISCONNECT. A store that
     * keeps it (replacing the will of {@link #saveSession}) returns it as {@code StoredSession.will()}
     * and says so with {@link Persistence#restoresWills()}. Default: the three-argument call.
     */
    default CompletionStage<Void> disconnected(String clientId, long atMillis, long expiryInterval, Will pendingWill) {
        return disconnected(clientId, atMillis, expiryInterval);
    }

    /** The session ended (expiry, clean start, expiry 0); drop everything of it. */
    CompletionStage<Void> removeSession(String clientId);

    /** The granted subscriptions of one SUBSCRIBE, in one write (before SUBACK). */
    CompletionStage<Void> subscribe(String clientId, List<StoredSubscription> subscriptions);

    /** The filters of one UNSUBSCRIBE (before UNSUBACK). */
    CompletionStage<Void> unsubscribe(String clientId, List<String> filters);

    /** An inbound QoS 2 packet id was released by PUBREL (before PUBCOMP). */
    CompletionStage<Void> inboundReleased(String clientId, int packetId);
}
