package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.ConnectBuilder;
import dev.wren.it.kit.RawClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic aliases assigned by the broker on delivery (outboundTopicAliases on). */
@Timeout(30)
class OutboundTopicAliasIT {
    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(cfg -> cfg.outboundTopicAliases(true));

    @Test
    @DisplayName("[MQTT-3.1.2-26][MQTT-3.3.2-11][MQTT-3.3.2-7] v5: outbound aliases stay within the client's Topic Alias Maximum and resolve to the published topics")
    void outboundAliases_withinMaximum_resolvable() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("sub").topicAliasMaximum(2).build());
        sub.subscribe("oa/#", QoS.AT_MOST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        String[] topics = {"oa/a", "oa/b", "oa/c", "oa/a", "oa/b", "oa/c", "oa/a", "oa/a"};
        for (String t : topics) {
            pub.publish(t, t, QoS.AT_MOST_ONCE);
        }
        Map<Integer, String> aliases = new HashMap<>();
        for (String t : topics) {
            Publish p = sub.receive();
            String topic = p.topic();
            if (p.topicAlias() != 0) {
                assertThat(p.topicAlias()).as("alias within the client's maximum").isBetween(1, 2);
                if (topic.isEmpty()) {
                    topic = aliases.get(p.topicAlias());
                    assertThat(topic).as("alias %d used before being set", p.topicAlias()).isNotNull();
                } else {
                    aliases.put(p.topicAlias(), topic);
                }
            } else {
                assertThat(topic).isNotEmpty();
            }
            assertThat(topic).isEqualTo(t);
            assertThat(p.payload().toUtf8String()).isEqualTo(t);
        }
        assertThat(aliases).as("outboundTopicAliases is on: the broker assigned aliases").isNotEmpty();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-27] v5: no Topic Alias is sent to a client with Topic Alias Maximum 0")
    void noAliases_whenClientMaximumZero() {
        RawClient sub = broker.rawClient();
        sub.connect(ConnectBuilder.v5("sub").topicAliasMaximum(0).build());
        sub.subscribe("oa/#", QoS.AT_MOST_ONCE);
        RawClient pub = broker.connected(MqttVersion.V5, "pub");
        for (int i = 0; i < 5; i++) {
            pub.publish("oa/same", "x", QoS.AT_MOST_ONCE);
        }
        for (int i = 0; i < 5; i++) {
            Publish p = sub.receive();
            assertThat(p.topicAlias()).isZero();
            assertThat(p.topic()).isEqualTo("oa/same");
        }
    }
}
