package dev.wren.broker.routing;

import dev.wren.broker.session.Session;
import dev.wren.codec.QoS;
import java.util.List;

/**
 * A non-shared subscription as stored in the index: immutable, replaced as a whole on re-subscribe.
 *
 * @param session the subscriber
 * @param qos granted QoS
 * @param noLocal do not deliver the subscriber's own messages [MQTT-3.8.3-3]
 * @param retainAsPublished keep the RETAIN flag on forward [MQTT-3.3.1-12]
 * @param subscriptionId Subscription Identifier, 0 for none
 * @param ids the identifier as a delivery carries it (empty, or one element), built once here
 *     rather than for every message
 */
public record ClientSubscription(Session session, QoS qos, boolean noLocal, boolean retainAsPublished,
        int subscriptionId, List<Integer> ids) implements Target {

    public ClientSubscription(Session session, QoS qos, boolean noLocal, boolean retainAsPublished, int subscriptionId) {
        this(session, qos, noLocal, retainAsPublished, subscriptionId,
                subscriptionId == 0 ? List.of() : List.of(subscriptionId));
    }
}
