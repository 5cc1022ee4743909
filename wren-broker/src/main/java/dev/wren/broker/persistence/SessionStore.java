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

    /** The session ended (expiry, clean start, expiry 0); drop everything of it. */
    CompletionStage<Void> removeSession(String clientId);

    /** The granted subscriptions of one SUBSCRIBE, in one write (before SUBACK). */
    CompletionStage<Void> subscribe(String clientId, List<StoredSubscription> subscriptions);

    /** The filters of one UNSUBSCRIBE (before UNSUBACK). */
    CompletionStage<Void> unsubscribe(String clientId, List<String> filters);

    /** An inbound QoS 2 packet id was released by PUBREL (before PUBCOMP). */
    CompletionStage<Void> inboundReleased(String clientId, int packetId);
}
