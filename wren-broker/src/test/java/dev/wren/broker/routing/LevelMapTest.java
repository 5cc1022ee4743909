package dev.wren.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelMapTest {

    private final LevelMap<String> map = new LevelMap<>();

    @Test
    void get_regionOfLongerString_findsLevelWithoutSubstring() {
        map.put("tennis", "node-tennis");
        map.put("", "node-empty");

        assertThat(map.get("sport/tennis/player1", 6, 12)).isEqualTo("node-tennis");
        assertThat(map.get("a//b", 2, 2)).isEqualTo("node-empty");
        assertThat(map.get("sport/tennisx", 6, 13)).isNull();
        assertThat(map.get("sport/tenni", 6, 11)).isNull();
    }

    @Test
    void put_manyLevels_allFoundAfterGrowing() {
        for (int i = 0; i < 1000; i++) {
            map.put("level" + i, "n" + i);
        }

        for (int i = 0; i < 1000; i++) {
            String topic = "x/level" + i + "/y";
            assertThat(map.get(topic, 2, topic.length() - 2)).isEqualTo("n" + i);
        }
    }

    @Test
    void remove_manyLevels_restFoundAfterShrinking() {
        for (int i = 0; i < 1000; i++) {
            map.put("level" + i, "n" + i);
        }

        for (int i = 0; i < 990; i++) {
            assertThat(map.remove("level" + i)).isTrue();
        }

        assertThat(map.remove("level0")).isFalse();
        for (int i = 0; i < 1000; i++) {
            String level = "level" + i;
            assertThat(map.get(level, 0, level.length())).isEqualTo(i < 990 ? null : "n" + i);
        }
        List<String> rest = new ArrayList<>();
        map.forEach(rest::add);
        assertThat(rest).containsExactlyInAnyOrder("n990", "n991", "n992", "n993", "n994", "n995", "n996",
                "n997", "n998", "n999");
    }

    @Test
    void isEmpty_afterRemovingAll_true() {
        map.put("a", "n");
        assertThat(map.isEmpty()).isFalse();

        map.remove("a");

        assertThat(map.isEmpty()).isTrue();
    }
}
