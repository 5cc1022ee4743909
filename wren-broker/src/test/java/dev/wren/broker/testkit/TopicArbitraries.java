package dev.wren.broker.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of valid topic names and filters over a tiny alphabet of levels ({@code a}, {@code b},
 * {@code $x}, the empty level, and the wildcards), so that random topics and filters often match and
 * every edge case (empty levels, '$' first levels, '#' at the parent) comes up.
 */
public final class TopicArbitraries {

    private static final List<String> LEVELS = List.of("a", "b", "$x", "");

    private TopicArbitraries() {}

    /** Topic names of one to four levels, never the empty string [MQTT-4.7.3-1]. */
    public static Arbitrary<String> topics() {
        return Arbitraries.of(LEVELS).list().ofMinSize(1).ofMaxSize(4)
                .map(levels -> String.join("/", levels))
                .filter(topic -> !topic.isEmpty());
    }

    /** Filters of up to four levels with '+' anywhere and '#' only last [MQTT-4.7.1-1] [MQTT-4.7.1-2] (3.1.1: [MQTT-4.7.1-2] [MQTT-4.7.1-3]). */
    public static Arbitrary<String> filters() {
        Arbitrary<List<String>> levels = Arbitraries.of(withPlus()).list().ofMinSize(0).ofMaxSize(4);
        return Combinators.combine(levels, Arbitraries.of(false, true))
                .as((body, multiLevel) -> {
                    List<String> all = new ArrayList<>(body);
                    if (multiLevel) {
                        all.add("#");
                    }
                    return String.join("/", all);
                })
                .filter(filter -> !filter.isEmpty());
    }

    /** Every topic name of one to three levels over the alphabet: a universe to compare matches on. */
    public static List<String> allTopicsUpToThreeLevels() {
        List<String> topics = new ArrayList<>();
        List<String> previous = List.of("");
        for (int depth = 1; depth <= 3; depth++) {
            List<String> current = new ArrayList<>();
            for (String prefix : previous) {
                for (String level : LEVELS) {
                    current.add(depth == 1 ? level : prefix + "/" + level);
                }
            }
            current.stream().filter(t -> !t.isEmpty()).forEach(topics::add);
            previous = current;
        }
        return topics;
    }

    private static List<String> withPlus() {
        List<String> levels = new ArrayList<>(LEVELS);
        levels.add("+");
        return levels;
    }
}
