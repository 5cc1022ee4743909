package dev.wren.broker.persistence;

import dev.wren.codec.QoS;
import java.util.List;

/**
 * One delivery of a stored message to one persistent session.
 *
 * @param clientId the receiving session
 * @param qos delivery QoS
 * @param retain RETAIN flag to send
 * @param subscriptionIds Subscription Identifiers to send
 */
public record QueuedDelivery(String clientId, QoS qos, boolean retain, List<Integer> subscriptionIds) {
}
