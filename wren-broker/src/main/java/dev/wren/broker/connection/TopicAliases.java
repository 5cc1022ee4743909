package dev.wren.broker.connection;

import dev.wren.codec.packet.Publish;
import java.util.HashMap;
import java.util.Map;

/**
 * The topic aliases of one connection, both directions (MQTT 5.0 section 3.3.2.3.4). Aliases
 * live as long as the network connection [MQTT-3.3.2-7].
 *
 * <p>Thread confinement: the connection's loop.
 */
final class TopicAliases {
    private final int inboundMaximum;
    private final int outboundMaximum;
    // Both created by the first alias: most clients never use one, and idle connections are many.
    private String[] inbound;
    private Map<String, Integer> outbound;

    TopicAliases(int inboundMaximum, int outboundMaximum) {
        this.inboundMaximum = inboundMaximum;
        this.outboundMaximum = outboundMaximum;
    }

    /** Why an inbound alias was refused. */
    enum Problem { NONE, ALIAS_INVALID, UNKNOWN_ALIAS }

    private Problem problem = Problem.NONE;

    /**
     * The topic of an inbound PUBLISH with aliases resolved, or {@code null} with {@link #problem()}
     * set: alias 0 or above the maximum [MQTT-3.3.2-8] [MQTT-3.3.2-9], or an empty topic with an
     * alias that has no mapping (a Protocol Error).
     */
    String resolve(Publish p) {
        int alias = p.topicAlias();
        if (alias == 0) {
            return p.topic();
        }
        if (alias > inboundMaximum) {
            problem = Problem.ALIAS_INVALID;
            return null;
        }
        if (p.topic().isEmpty()) {
            String t = inbound == null ? null : inbound[alias];
            if (t == null) {
                problem = Problem.UNKNOWN_ALIAS;
            }
            return t;
        }
        if (inbound == null) {
            inbound = new String[inboundMaximum + 1];
        }
        inbound[alias] = p.topic();
        return p.topic();
    }

    Problem problem() {
        return problem;
    }

    /**
     * The PUBLISH to send: with an alias (and an empty topic once the alias is established). A new
     * alias is only proposed here; {@link #written(Publish)} records it once the PUBLISH is written.
     */
    Publish outbound(Publish p) {
        if (outboundMaximum == 0) {
            return p;
        }
        if (outbound == null) {
            return p.withTopic(p.topic(), 1); // the first alias
        }
        Integer alias = outbound.get(p.topic());
        if (alias != null) {
            return p.withTopic("", alias);
        }
        if (outbound.size() < outboundMaximum) {
            return p.withTopic(p.topic(), outbound.size() + 1);
        }
        return p;
    }

    /** {@code sent} (from {@link #outbound(Publish)}) was written: a new alias it carries is now established. */
    void written(Publish sent) {
        if (sent.topicAlias() != 0 && !sent.topic().isEmpty()) {
            if (outbound == null) {
                outbound = new HashMap<>();
            }
            outbound.put(sent.topic(), sent.topicAlias());
        }
    }
}
