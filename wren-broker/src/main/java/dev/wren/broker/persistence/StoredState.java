package dev.wren.broker.persistence;

import dev.wren.broker.session.Message;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Will;
import java.util.List;
import java.util.Set;

/**
 * What a store holds at start-up.
 *
 * @param sessions persistent sessions
 * @param retained retained messages
 */
public record StoredState(List<StoredSession> sessions, List<Message> retained) {
    /** Nothing stored. */
    public static final StoredState EMPTY = new StoredState(List.of(), List.of());

    /**
     * One stored session.
     *
     * @param clientId client id
     * @param version protocol version of its last connection
     * @param expiryInterval Session Expiry Interval, seconds
     * @param will the will still pending if {@link Persistence#restoresWills()}, else the will of its last connection, or {@code null}
     * @param disconnectedAtMillis when it went offline (wall clock)
     * @param subscriptions its subscriptions
     * @param queue queued and in-flight deliveries in sequence order
     * @param inboundQos2 inbound QoS 2 packet ids awaiting PUBREL
     */
    public record StoredSession(String clientId, MqttVersion version, long expiryInterval, Will will,
            long disconnectedAtMillis, List<StoredSubscription> subscriptions, List<StoredDelivery> queue,
            Set<Integer> inboundQos2) {}

    /**
     * One stored delivery.
     *
     * @param seq sequence number
     * @param message the message
     * @param qos delivery QoS
     * @param retain RETAIN flag to send
     * @param subscriptionIds Subscription Identifiers to send
     * @param packetId packet id if it was sent, else 0
     * @param released whether PUBREC was received (resend PUBREL, not PUBLISH)
     * @param possiblySent not known to be sent ({@code packetId} 0) but it may have been before a crash:
     *     a store that does not write every send (QoS 1) says so, and the broker sends it with DUP=1
     *     the first time [MQTT-3.3.1-1]; {@code false} means it was never sent (DUP=0 [MQTT-3.3.1-3])
     */
    public record StoredDelivery(long seq, Message message, QoS qos, boolean retain, List<Integer> subscriptionIds,
            int packetId, boolean released, boolean possiblySent) {}
}
