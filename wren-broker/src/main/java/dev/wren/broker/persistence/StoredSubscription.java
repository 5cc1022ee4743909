package dev.wren.broker.persistence;

import dev.wren.codec.packet.Subscription;

/**
 * A granted subscription with its Subscription Identifier (0 = none).
 *
 * @param subscription filter and options as granted
 * @param subscriptionId Subscription Identifier, 0 for none
 */
public record StoredSubscription(Subscription subscription, int subscriptionId) {
}
