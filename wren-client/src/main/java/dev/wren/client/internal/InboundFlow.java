package dev.wren.client.internal;

import dev.wren.client.Message;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.packet.PubAck;
import dev.wren.codec.packet.PubComp;
import dev.wren.codec.packet.PubRec;
import dev.wren.codec.packet.PubRel;
import dev.wren.codec.packet.Publish;
import java.util.HashSet;
import java.util.Set;

/**
 * Incoming PUBLISH flows, sans-IO: resolves Topic Aliases, delivers each message once, and
 * answers with PUBACK, or PUBREC and later PUBCOMP. QoS 2 uses "method B" of the spec
 * (4.3.3): the message is delivered on the first PUBLISH and its packet id remembered until
 * PUBREL, so a retransmitted PUBLISH with DUP is acknowledged but not delivered again.
 *
 * <p>Not thread-safe: confined to the client's event loop.
 */
final class InboundFlow {
    private final MqttVersion version;
    private final InboundAliases aliases = new InboundAliases();
    private final Set<Integer> qos2Received = new HashSet<>();
    private final int receiveMaximum;

    InboundFlow(MqttVersion version, int receiveMaximum) {
        this.version = version;
        this.receiveMaximum = receiveMaximum;
    }

    /** A new connection: aliases start over; without a session the QoS 2 state goes too. */
    void onConnected(boolean sessionPresent, int topicAliasMaximum) {
        aliases.reset(version.isV5() ? topicAliasMaximum : 0);
        if (!sessionPresent) {
            qos2Received.clear();
        }
    }

    void onPublish(Publish p, SessionOutput out) {
        String topic = aliases.resolve(p.topic(), p.topicAlias());
        if (topic == null) {
            out.protocolViolation(ReasonCode.TOPIC_ALIAS_INVALID,
                    "PUBLISH with unknown or out-of-range topic alias " + p.topicAlias() + " [MQTT-3.3.2-11] (3.3.2.3.4)");
            return;
        }
        Message m = new Message(topic, p.payload(), p.qos(), p.retain(), p.properties(), p.subscriptionIdentifiers());
        switch (p.qos()) {
            case AT_MOST_ONCE -> out.deliver(m);
            case AT_LEAST_ONCE -> {
                out.deliver(m);
                out.send(new PubAck(p.packetId()));
            }
            case EXACTLY_ONCE -> {
                // QoS 1 is acknowledged at once, so only QoS 2 exchanges can pile up [MQTT-3.3.4-9].
                if (version.isV5() && !qos2Received.contains(p.packetId()) && qos2Received.size() >= receiveMaximum) {
                    out.protocolViolation(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                            "more than " + receiveMaximum + " unacknowledged QoS 2 PUBLISH packets");
                    return;
                }
                if (qos2Received.add(p.packetId())) {
                    out.deliver(m);
                }
                out.send(new PubRec(p.packetId()));
            }
        }
    }

    void onPubRel(PubRel rel, SessionOutput out) {
        boolean known = qos2Received.remove(rel.packetId());
        ReasonCode rc = known || !version.isV5() ? ReasonCode.SUCCESS : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND;
        out.send(new PubComp(rel.packetId(), rc));
    }
}
