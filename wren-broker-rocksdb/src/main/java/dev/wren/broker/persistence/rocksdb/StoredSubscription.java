package dev.wren.broker.persistence.rocksdb;

import dev.wren.codec.packet.Subscription;
import java.util.Objects;

/**
 * One subscription of one session, keyed by client id and topic filter.
 *
 * @param clientId the session
 * @param subscription the filter and its Subscription Options
 * @param subscriptionIdentifier the Subscription Identifier, or 0 when absent
 */
public record StoredSubscription(String clientId, Subscription subscription, int subscriptionIdentifier) {
    public StoredSubscription {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subscription, "subscription");
    }
}
