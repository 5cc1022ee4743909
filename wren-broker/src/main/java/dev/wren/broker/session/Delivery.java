package dev.wren.broker.session;

import dev.wren.codec.QoS;
import java.util.List;

/**
 * One message on its way to one session: the shared {@link Message} plus what differs per
 * delivery. Packet id, DUP and topic alias are assigned when it is written.
 *
 * @param message the shared message
 * @param qos delivery QoS: the lower of the published and the granted QoS [MQTT-3.8.4-8]
 * @param retain RETAIN flag to send (retained-on-subscribe, or Retain As Published)
 * @param subscriptionIds Subscription Identifiers of the matching subscriptions [MQTT-3.3.4-3]
 * @param group the shared-subscription group it was chosen by, or {@code null}
 * @param seq the persistence sequence number of this delivery, 0 if it is not stored
 */
public record Delivery(Message message, QoS qos, boolean retain, List<Integer> subscriptionIds, ShareGroup group,
        long seq) {

    /** A delivery that is not (yet) stored. */
    public Delivery(Message message, QoS qos, boolean retain, List<Integer> subscriptionIds, ShareGroup group) {
        this(message, qos, retain, subscriptionIds, group, 0);
    }

    /** This delivery with the sequence number the store assigned. */
    public Delivery withSeq(long newSeq) {
        return new Delivery(message, qos, retain, subscriptionIds, group, newSeq);
    }
}
