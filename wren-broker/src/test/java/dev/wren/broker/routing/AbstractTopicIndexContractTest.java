package dev.wren.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The behaviour every {@link TopicIndex} must have. Subclasses supply the implementation.
 *
 * <p>The tables follow MQTT 5.0 section 4.7 (identical in 3.1.1) and Mosquitto's
 * {@code 03-pattern-matching.py}.
 */
abstract class AbstractTopicIndexContractTest {

    /** A subscription value as the broker would store it: who, and with which options. */
    record Sub(String session, int qos) {}

    private TopicIndex<String, Sub> index;

    protected abstract TopicIndex<String, Sub> newIndex();

    @BeforeEach
    void createIndex() {
        index = newIndex();
    }

    @ParameterizedTest(name = "filter \"{0}\" vs topic \"{1}\" -> {2}")
    @DisplayName("match: one filter against one topic [4.7.1.2] [4.7.1.3] [MQTT-4.7.2-1] [MQTT-4.7.3-4]")
    @CsvSource(
            delimiter = '|',
            textBlock = """
            # exact levels
            sport/tennis/player1      | sport/tennis/player1               | true
            sport/tennis/player1      | sport/tennis/player2               | false
            sport/tennis              | sport/tennis/player1               | false
            sport/tennis/player1      | sport/tennis                       | false
            # '#' matches the parent and any number of levels (section 4.7.1.2, no statement id)
            sport/tennis/player1/#    | sport/tennis/player1               | true
            sport/tennis/player1/#    | sport/tennis/player1/ranking       | true
            sport/tennis/player1/#    | sport/tennis/player1/score/wimbledon | true
            sport/tennis/#            | sport/tennis                       | true
            sport/tennis/#            | sport/tennisx                      | false
            sport/tennis/#            | sport                              | false
            sport/#                   | sport                              | true
            '#'                      | sport/tennis/player1               | true
            '#'                      | /                                  | true
            a/#                       | a/                                 | true
            a/#                       | a//b                               | true
            # '+' matches exactly one level, empty or not (section 4.7.1.3, no statement id)
            sport/tennis/+            | sport/tennis/player1               | true
            sport/tennis/+            | sport/tennis/player1/ranking       | false
            sport/+                   | sport                              | false
            sport/+                   | sport/                             | true
            +                         | sport                              | true
            +                         | /finance                           | false
            /+                        | /finance                           | true
            +/+                       | /finance                           | true
            +/+                       | /                                  | true
            +                         | /                                  | false
            +/+/+                     | /                                  | false
            +/#                       | /                                  | true
            +/#                       | a                                  | true
            +/+/#                     | a                                  | false
            a/+/b                     | a//b                               | true
            a/+/b                     | a/b                                | false
            # empty levels are levels
            a//b                      | a//b                               | true
            a//b                      | a/b                                | false
            /a                        | /a                                 | true
            /a                        | a                                  | false
            a/                        | a/                                 | true
            a/                        | a                                  | false
            /                         | /                                  | true
            //                        | /                                  | false
            # '$' topics are not matched by a leading wildcard [MQTT-4.7.2-1]
            '#'                      | $SYS/broker/load                   | false
            +/broker/load             | $SYS/broker/load                   | false
            +                         | $SYS                               | false
            +/#                       | $SYS/x                             | false
            +/monitor/Clients         | $SYS/monitor/Clients               | false
            '#'                      | $                                  | false
            $SYS/#                    | $SYS/broker/load                   | true
            $SYS/#                    | $SYS                               | true
            $SYS/+                    | $SYS/broker                        | true
            $SYS/monitor/+            | $SYS/monitor/Clients               | true
            $SYS/broker/load          | $SYS/broker/load                   | true
            $                         | $                                  | true
            # '$' matters in the first level only
            +/$x                      | a/$x                               | true
            a/#                       | a/$x                               | true
            '#'                      | a/$x                               | true
            # no case folding, no normalization [MQTT-4.7.3-4]
            ACCOUNTS                  | accounts                           | false
            sport/Tennis              | sport/tennis                       | false
            Accounts/+                | Accounts/payable                   | true
            caf\u00e9/+                | caf\u00e9/menu                      | true
            caf\u00e9                  | cafe\u0301                          | false
            \uD83D\uDC26/+             | \uD83D\uDC26/nest                   | true
            \uD83D\uDC26/nest          | \uD83D\uDC27/nest                   | false
            'a b/c '                  | 'a b/c '                           | true
            'a b/c '                  | a b/c                              | false
            """)
    void match_filterAgainstTopic_asInTable(String filter, String topic, boolean expected) {
        Sub sub = new Sub("s1", 1);
        index.subscribe(filter, "s1", sub);

        assertThat(matches(topic)).isEqualTo(expected ? List.of(sub) : List.of());
    }

    @ParameterizedTest(name = "topic \"{0}\"")
    @DisplayName("match: many filters, each matching one is delivered once [4.7.1.2] [4.7.1.3] [MQTT-4.7.2-1]")
    @CsvSource(
            delimiter = '|',
            textBlock = """
            sport/tennis/player1 | sport/tennis/player1 sport/tennis/+ sport/# # +/+/+ sport/+ +/tennis/# sport/tennis/player1/# sport/tennis sport/tennis/player1/+ | sport/tennis/player1 sport/tennis/+ sport/# # +/+/+ +/tennis/# sport/tennis/player1/#
            $SYS/broker/load     | # +/broker/load $SYS/# $SYS/+/load $SYS/broker/load +/+/+ +/# $SYS/broker/+/# | $SYS/# $SYS/+/load $SYS/broker/load $SYS/broker/+/#
            /                    | # + +/+ /+ / /# +/# // a/# +/+/+                                               | # +/+ /+ / /# +/#
            a//b                 | a/+/b a//b a/# a/+/# +/+/+ a//+ a/b a/+ +//b                                  | a/+/b a//b a/# a/+/# +/+/+ a//+ +//b
            """)
    void match_manyFilters_deliversOncePerMatchingFilter(String topic, String subscribed, String expected) {
        for (String filter : subscribed.split(" ")) {
            index.subscribe(filter, "s1", new Sub(filter, 0));
        }

        List<Sub> expectedSubs = Arrays.stream(expected.split(" ")).map(f -> new Sub(f, 0)).toList();
        assertThat(matches(topic)).containsExactlyInAnyOrderElementsOf(expectedSubs);
    }

    @Test
    void subscribe_newFilterAndKey_returnsTrue() {
        assertThat(index.subscribe("a/b", "s1", new Sub("s1", 0))).isTrue();
        assertThat(index.subscribe("a/b", "s2", new Sub("s2", 0))).isTrue();
        assertThat(index.subscribe("a/+", "s1", new Sub("s1", 0))).isTrue();
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    @DisplayName("subscribe: the same filter and key again replaces the subscription [MQTT-3.8.4-3]")
    void subscribe_sameFilterAndKey_replacesValueAndReturnsFalse() {
        index.subscribe("a/b", "s1", new Sub("s1", 0));

        boolean added = index.subscribe("a/b", "s1", new Sub("s1", 2));

        assertThat(added).isFalse();
        assertThat(index.size()).isEqualTo(1);
        assertThat(matches("a/b")).containsExactly(new Sub("s1", 2));
    }

    @Test
    @DisplayName("subscribe: overlapping filters of one session are delivered once per filter (the router merges them for [MQTT-3.3.4-2])")
    void subscribe_sameKeyOverlappingFilters_deliversOncePerFilter() {
        index.subscribe("a/b", "s1", new Sub("s1", 0));
        index.subscribe("a/+", "s1", new Sub("s1", 1));
        index.subscribe("#", "s1", new Sub("s1", 2));

        assertThat(matches("a/b"))
                .containsExactlyInAnyOrder(new Sub("s1", 0), new Sub("s1", 1), new Sub("s1", 2));
    }

    @Test
    void subscribe_filtersDifferingOnlyInEmptyLevels_areDistinct() {
        index.subscribe("a/b", "s1", new Sub("a/b", 0));
        index.subscribe("a//b", "s1", new Sub("a//b", 0));
        index.subscribe("a/b/", "s1", new Sub("a/b/", 0));
        index.subscribe("/a/b", "s1", new Sub("/a/b", 0));

        assertThat(index.size()).isEqualTo(4);
        assertThat(matches("a//b")).containsExactly(new Sub("a//b", 0));
        assertThat(matches("a/b/")).containsExactly(new Sub("a/b/", 0));
    }

    @Test
    void unsubscribe_existing_stopsDeliveryAndReturnsTrue() {
        index.subscribe("a/b", "s1", new Sub("s1", 0));
        index.subscribe("a/b", "s2", new Sub("s2", 0));

        assertThat(index.unsubscribe("a/b", "s1")).isTrue();

        assertThat(matches("a/b")).containsExactly(new Sub("s2", 0));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void unsubscribe_missingKey_returnsFalse() {
        index.subscribe("a/b", "s1", new Sub("s1", 0));

        assertThat(index.unsubscribe("a/b", "s2")).isFalse();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void unsubscribe_unknownFilter_returnsFalse() {
        index.subscribe("a/b", "s1", new Sub("s1", 0));

        assertThat(index.unsubscribe("a/b/c", "s1")).isFalse();
        assertThat(index.unsubscribe("a", "s1")).isFalse();
        assertThat(index.unsubscribe("x", "s1")).isFalse();
        assertThat(matches("a/b")).containsExactly(new Sub("s1", 0));
    }

    @Test
    void unsubscribe_twice_secondReturnsFalse() {
        index.subscribe("a/#", "s1", new Sub("s1", 0));

        assertThat(index.unsubscribe("a/#", "s1")).isTrue();
        assertThat(index.unsubscribe("a/#", "s1")).isFalse();
        assertThat(index.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("unsubscribe: filters are compared character by character, not matched [MQTT-3.10.4-1]")
    void unsubscribe_wildcardFilter_removesOnlyThatFilter() {
        index.subscribe("a/b", "s1", new Sub("a/b", 0));
        index.subscribe("a/+", "s1", new Sub("a/+", 0));

        assertThat(index.unsubscribe("a/#", "s1")).isFalse();
        assertThat(index.unsubscribe("a/+", "s1")).isTrue();

        assertThat(matches("a/b")).containsExactly(new Sub("a/b", 0));
    }

    @Test
    void match_manySubscribersOnOneFilter_deliversEachExactlyOnce() {
        List<Sub> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Sub sub = new Sub("s" + i, i % 3);
            all.add(sub);
            index.subscribe("fleet/+/firmware", sub.session(), sub);
        }

        assertThat(matches("fleet/42/firmware")).containsExactlyInAnyOrderElementsOf(all);
        assertThat(index.size()).isEqualTo(1000);
    }

    @Test
    void match_manySubscribersMostlyUnsubscribed_deliversTheRest() {
        for (int i = 0; i < 200; i++) {
            index.subscribe("a/b", "s" + i, new Sub("s" + i, 0));
        }
        for (int i = 1; i < 200; i++) {
            index.unsubscribe("a/b", "s" + i);
        }

        assertThat(matches("a/b")).containsExactly(new Sub("s0", 0));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void match_noSubscriptions_deliversNothing() {
        assertThat(matches("a/b")).isEmpty();
        assertThat(index.isEmpty()).isTrue();
        assertThat(index.size()).isZero();
    }

    @Test
    void match_unrelatedTopic_deliversNothing() {
        index.subscribe("a/b/c", "s1", new Sub("s1", 0));
        index.subscribe("a/+/d", "s1", new Sub("s1", 0));

        assertThat(matches("a/b")).isEmpty();
        assertThat(matches("a/b/c/d")).isEmpty();
        assertThat(matches("b/b/c")).isEmpty();
    }

    @Test
    void isEmpty_afterUnsubscribingEverything_true() {
        index.subscribe("a", "s1", new Sub("s1", 0));
        index.subscribe("#", "s2", new Sub("s2", 0));
        assertThat(index.isEmpty()).isFalse();

        index.unsubscribe("a", "s1");
        index.unsubscribe("#", "s2");

        assertThat(index.isEmpty()).isTrue();
        assertThat(matches("a")).isEmpty();
    }

    protected final TopicIndex<String, Sub> index() {
        return index;
    }

    protected final List<Sub> matches(String topic) {
        List<Sub> matched = new ArrayList<>();
        index.match(topic, matched::add);
        return matched;
    }
}
