package dev.wren.broker.connection;

import dev.wren.broker.BrokerConfig;
import dev.wren.codec.MqttVersion;
import dev.wren.codec.ReasonCode;
import dev.wren.codec.Topics;
import dev.wren.codec.packet.ConnAck;
import dev.wren.codec.packet.ConnAckProperties;
import dev.wren.codec.packet.Connect;
import dev.wren.codec.packet.ConnectProperties;
import dev.wren.codec.packet.Will;
import dev.wren.codec.wire.MqttEncoder;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Checks a CONNECT against the broker's rules and limits and computes what was agreed. Pure:
 * no I/O, no state. Stateless and thread-safe.
 */
public final class ConnectNegotiation {
    /** The outcome: {@code refusal} is non-null if the CONNECT must be refused with that CONNACK reason. */
    public record Result(Negotiated negotiated, ReasonCode refusal) {}

    private ConnectNegotiation() {}

    public static Result negotiate(Connect c, BrokerConfig cfg, Supplier<String> idGenerator) {
        String clientId = c.clientId();
        boolean assigned = false;
        if (clientId.isEmpty()) {
            // 5.0: always assign [MQTT-3.1.3-6]; 3.1.1: only with Clean Session [MQTT-3.1.3-7] [MQTT-3.1.3-8];
            // 3.1: an empty id is not allowed.
            if (c.version() == MqttVersion.V3_1 || (c.version() == MqttVersion.V3_1_1 && !c.cleanStart())) {
                return refuse(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            }
            clientId = idGenerator.get();
            assigned = c.version().isV5();
        }
        ReasonCode willProblem = checkWill(c.will(), cfg);
        if (willProblem != null) {
            return refuse(willProblem);
        }
        ConnectProperties p = c.properties();
        long expiry = c.version().isV5()
                ? Math.min(p.sessionExpiryInterval(), cfg.maxSessionExpiryInterval())
                : (c.cleanStart() ? 0 : cfg.maxSessionExpiryInterval());
        int keepAlive = c.keepAlive();
        int serverKeepAlive = -1;
        if (c.version().isV5() && (keepAlive > cfg.maxKeepAlive() || (keepAlive == 0 && cfg.maxKeepAlive() < 65535))) {
            keepAlive = cfg.maxKeepAlive();
            serverKeepAlive = keepAlive; // [MQTT-3.2.2-21]
        }
        int window = c.version().isV5() ? Math.min(p.receiveMaximum(), cfg.maxInflight()) : cfg.maxInflight();
        int clientMax = (int) Math.min(p.maximumPacketSize(), Integer.MAX_VALUE);
        int aliasMax = cfg.outboundTopicAliases() ? p.topicAliasMaximum() : 0;
        // Only on request, never otherwise [MQTT-3.1.2-28]; the client id as a level can only be
        // substituted if it cannot itself act as a separator or wildcard.
        String responseInformation = c.version().isV5() && p.requestResponseInformation()
                && !cfg.responseInformation().isEmpty() && Topics.checkName(clientId) == null && clientId.indexOf('/') < 0
                ? cfg.responseInformation().replace("%c", clientId) : null;
        ConnAckProperties props = connAckProperties(cfg, cfg.receiveMaximum(), cfg.topicAliasMaximum(),
                assigned ? clientId : null, expiry != p.sessionExpiryInterval() && c.version().isV5() ? expiry : -1,
                serverKeepAlive, responseInformation);
        int receiveMax = cfg.receiveMaximum();
        int inboundAliases = c.version().isV5() ? cfg.topicAliasMaximum() : 0;
        if (c.version().isV5() && clientMax > 0 && !fits(props, clientMax)) {
            // Shrink the CONNACK to the client's Maximum Packet Size [MQTT-3.1.2-24] by announcing the
            // protocol defaults instead, and hold this connection to exactly what was announced.
            inboundAliases = 0;
            receiveMax = 65535;
            props = connAckProperties(cfg, receiveMax, inboundAliases, props.assignedClientIdentifier(),
                    props.sessionExpiryInterval(), serverKeepAlive, null);
            if (!fits(props, clientMax)) {
                return refuse(ReasonCode.PACKET_TOO_LARGE); // a bare error CONNACK is 5 bytes
            }
        }
        return new Result(new Negotiated(clientId, keepAlive, expiry, window, clientMax, aliasMax, receiveMax,
                inboundAliases, props), null);
    }

    private static boolean fits(ConnAckProperties props, int clientMax) {
        return MqttEncoder.encodedLength(new ConnAck(false, ReasonCode.SUCCESS, props), MqttVersion.V5) <= clientMax;
    }

    private static ReasonCode checkWill(Will will, BrokerConfig cfg) {
        if (will == null) {
            return null;
        }
        if (Topics.checkName(will.topic()) != null || TopicLimits.check(will.topic(), cfg) != null) {
            return ReasonCode.TOPIC_NAME_INVALID;
        }
        if (will.qos().value() > cfg.maxQos()) {
            return ReasonCode.QOS_NOT_SUPPORTED; // [MQTT-3.2.2-12]
        }
        if (will.retain() && !cfg.retainAvailable()) {
            return ReasonCode.RETAIN_NOT_SUPPORTED; // [MQTT-3.2.2-13]
        }
        return null;
    }

    private static ConnAckProperties connAckProperties(BrokerConfig cfg, int receiveMaximum, int topicAliasMaximum,
            String assignedId, long expiry, int serverKeepAlive, String responseInformation) {
        long maxPacket = cfg.maxPacketSize() >= 268_435_460 ? 0 : cfg.maxPacketSize();
        return new ConnAckProperties(expiry, receiveMaximum, cfg.maxQos(), cfg.retainAvailable(), maxPacket,
                assignedId, topicAliasMaximum, null, List.of(), cfg.wildcardSubscriptionsAvailable(),
                cfg.subscriptionIdentifiersAvailable(), cfg.sharedSubscriptionsAvailable(), serverKeepAlive,
                responseInformation, null, null, null);
    }

    /** A fresh client identifier for a client that sent none [MQTT-3.1.3-6]. */
    public static String randomClientId() {
        return "wren-" + UUID.randomUUID();
    }

    private static Result refuse(ReasonCode reason) {
        return new Result(null, reason);
    }
}
