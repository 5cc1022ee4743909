package dev.wren.broker.retained;

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
 * The behaviour every {@link RetainedStore} must have. Subclasses supply the implementation. Messages
 * are plain strings: the topic they were retained on.
 */
abstract class AbstractRetainedStoreContractTest {

    /** The retained topics every table case queries. */
    private static final List<String> RETAINED = List.of(
            "sport", "sport/", "sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking",
            "sport/football", "Sport", "/finance", "/", "a//b", "a/$x", "$SYS", "$SYS/broker/load",
            "caf\u00e9/menu");

    private RetainedStore<String> store;

    protected abstract RetainedStore<String> newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @ParameterizedTest(name = "filter \"{0}\"")
    @DisplayName("match: the retained messages a new subscription receives [MQTT-3.3.1-9] [MQTT-4.7.2-1]")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            textBlock = """
            sport/tennis/player1 | sport/tennis/player1
            sport/tennis/player2 | -
            sport/#              | sport sport/ sport/tennis sport/tennis/player1 sport/tennis/player1/ranking sport/football
            sport/tennis/#       | sport/tennis sport/tennis/player1 sport/tennis/player1/ranking
            sport/+              | sport/ sport/tennis sport/football
            sport/+/player1      | sport/tennis/player1
            +                    | sport Sport
            '#'                  | sport sport/ sport/tennis sport/tennis/player1 sport/tennis/player1/ranking sport/football Sport /finance / a//b a/$x caf\u00e9/menu
            +/+                  | sport/ sport/tennis sport/football /finance / a/$x caf\u00e9/menu
            /+                   | /finance /
            +/#                  | sport sport/ sport/tennis sport/tennis/player1 sport/tennis/player1/ranking sport/football Sport /finance / a//b a/$x caf\u00e9/menu
            a/+/b                | a//b
            a/#                  | a//b a/$x
            +/$x                 | a/$x
            $SYS/#               | $SYS $SYS/broker/load
            $SYS/+/load          | $SYS/broker/load
            $SYS                 | $SYS
            +/broker/load        | -
            SPORT/#              | -
            cafe\u0301/+          | -
            """)
    void match_filterAgainstRetainedTopics_asInTable(String filter, String expected) {
        RETAINED.forEach(topic -> store.put(topic, topic));

        List<String> expectedTopics = expected == null ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(matches(filter)).containsExactlyInAnyOrderElementsOf(expectedTopics);
    }

    @Test
    @DisplayName("put: a new retained message replaces the old one of that topic [MQTT-3.3.1-5]")
    void put_sameTopicTwice_replaces() {
        store.put("a/b", "first");
        store.put("a/b", "second");

        assertThat(store.get("a/b")).isEqualTo("second");
        assertThat(store.size()).isEqualTo(1);
        assertThat(matches("a/+")).containsExactly("second");
    }

    @Test
    void get_unknownTopic_null() {
        store.put("a/b", "m");

        assertThat(store.get("a")).isNull();
        assertThat(store.get("a/b/c")).isNull();
        assertThat(store.get("a/b/")).isNull();
    }

    @Test
    void remove_existing_removesOnlyThatTopic() {
        store.put("a", "ma");
        store.put("a/b", "mab");

        store.remove("a");

        assertThat(store.get("a")).isNull();
        assertThat(store.get("a/b")).isEqualTo("mab");
        assertThat(store.size()).isEqualTo(1);
        assertThat(matches("a/#")).containsExactly("mab");
    }

    @Test
    void remove_missing_isNoOp() {
        store.put("a/b", "m");

        store.remove("a");
        store.remove("a/b/c");
        store.remove("x");

        assertThat(store.size()).isEqualTo(1);
        assertThat(store.get("a/b")).isEqualTo("m");
    }

    @Test
    void removeIf_matchingMessages_removesExactlyThose() {
        store.put("a", "expired-1");
        store.put("a/b", "live");
        store.put("a/b/c", "expired-2");
        store.put("$SYS/x", "expired-3");

        store.removeIf(message -> message.startsWith("expired"));

        assertThat(store.size()).isEqualTo(1);
        assertThat(matches("#")).containsExactly("live");
        assertThat(matches("$SYS/#")).isEmpty();
    }

    @Test
    void size_emptyStore_zero() {
        assertThat(store.size()).isZero();
        assertThat(matches("#")).isEmpty();
    }

    @Test
    void match_manyTopicsUnderOneLevel_returnsEachOnce() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            store.put("devices/" + i + "/state", "state-" + i);
            store.put("devices/" + i + "/config", "config-" + i);
            expected.add("state-" + i);
        }

        assertThat(matches("devices/+/state")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.size()).isEqualTo(1000);
    }

    protected final RetainedStore<String> store() {
        return store;
    }

    protected final List<String> matches(String filter) {
        List<String> matched = new ArrayList<>();
        store.match(filter, matched::add);
        return matched;
    }
}
