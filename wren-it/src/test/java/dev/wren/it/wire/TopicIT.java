package dev.wren.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wren.codec.MqttVersion;
import dev.wren.codec.QoS;
import dev.wren.codec.packet.Publish;
import dev.wren.it.kit.BrokerExtension;
import dev.wren.it.kit.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Topic matching as seen by clients over the wire. */
@Timeout(30)
class TopicIT {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    /** Subscribes {@code filter}, publishes each topic in order, returns the topics delivered. */
    private List<String> delivered(String filter, String... topics) {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V5, "sub");
        sub.subscribe(filter, QoS.AT_LEAST_ONCE);
        RawClient pub = broker.rawClient();
        pub.connectOk(MqttVersion.V5, "pub");
        for (String t : topics) {
            pub.publish(t, t, QoS.AT_LEAST_ONCE);
        }
        List<String> got = new ArrayList<>();
        sub.subscribe("zz-end-marker", QoS.AT_LEAST_ONCE); // marks the end of the deliveries
        pub.publish("zz-end-marker", "end", QoS.AT_LEAST_ONCE);
        while (true) {
            Publish p = sub.receive();
            if (p.topic().equals("zz-end-marker")) {
                return got;
            }
            got.add(p.topic());
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] a filter starting with # does not match topics starting with $")
    void dollarTopics_notMatchedByHash() {
        assertThat(delivered("#", "$SYS/x", "$private", "normal/x")).containsExactly("normal/x");
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] a filter starting with + does not match topics starting with $")
    void dollarTopics_notMatchedByPlus() {
        assertThat(delivered("+/x", "$SYS/x", "a/x")).containsExactly("a/x");
    }

    @Test
    @DisplayName("[4.7.2] a filter naming the $ level explicitly matches $ topics")
    void dollarTopics_matchedExplicitly() {
        assertThat(delivered("$app/#", "$app/x", "$app/y/z", "app/x")).containsExactly("$app/x", "$app/y/z");
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = ';', value = {
        "sport/tennis/player1/#; sport/tennis/player1, sport/tennis/player1/ranking, sport/tennis/player1/score/wimbledon",
        "sport/#; sport, sport/x",
        "sport/tennis/+; sport/tennis/player1, sport/tennis/player2",
        "sport/+; sport/",
        "+/+; /finance",
        "/+; /finance",
        "a//b; a//b",
        "+; a",
    })
    @DisplayName("[MQTT-4.7.1-1][MQTT-4.7.1-2] wildcards: # matches the parent and any depth, + exactly one level, empty levels are levels")
    void wildcards_match(String filter, String expected) {
        List<String> want = List.of(expected.split(",\\s*"));
        List<String> noise = List.of("sport/tennis", "sport/tennis/player1/x/y2", "other", "a/b", "a///b", "x/y/z");
        List<String> topics = new ArrayList<>(want);
        for (String n : noise) {
            if (!want.contains(n) && !matchesOracle(filter, n)) {
                topics.add(n);
            }
        }
        assertThat(delivered(filter, topics.toArray(String[]::new))).containsExactlyElementsOf(want);
    }

    /** A tiny reference matcher, only to keep noise topics from matching by accident. */
    private static boolean matchesOracle(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    @Test
    @DisplayName("[MQTT-4.7.3-4] topics are compared without normalisation: case and unicode form matter")
    void topics_caseSensitive() {
        assertThat(delivered("ACCOUNTS/x", "accounts/x", "ACCOUNTS/x", "Accounts/x")).containsExactly("ACCOUNTS/x");
    }

    @Test
    @DisplayName("[MQTT-3.3.2-3] the topic name delivered is the one published, not the filter")
    void delivery_topicNameIsPublishedName() {
        RawClient sub = broker.rawClient();
        sub.connectOk(MqttVersion.V3_1_1, "sub");
        sub.subscribe("tn/+/x", QoS.AT_MOST_ONCE);
        broker.connected(MqttVersion.V3_1_1, "pub").publish("tn/abc/x", "v", QoS.AT_MOST_ONCE);
        assertThat(sub.receive().topic()).isEqualTo("tn/abc/x");
        sub.expectNothingFor(QUIET);
    }
}
