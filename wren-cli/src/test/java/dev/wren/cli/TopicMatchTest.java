package dev.wren.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicMatchTest {
    @ParameterizedTest
    @CsvSource({
        "a/b, a/b, true", "a/b, a/+, true", "a/b, #, true", "a, a/#, true", "a/b/c, a/+, false",
        "$SYS/x, #, false", "$SYS/x, $SYS/#, true", "a//b, a/+/b, true", "a/b, a/c, false"
    })
    void matches_table(String topic, String filter, boolean expected) {
        assertThat(TopicMatch.matches(topic, filter)).isEqualTo(expected);
    }
}
