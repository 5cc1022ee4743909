package dev.wren.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic topic names and filters shaped like a device fleet's:
 * {@code region<r>/building<b>/device<d>/metric<m>}. The same seed always gives the same set, so runs
 * compare.
 */
final class Population {

    static final int REGIONS = 10;
    static final int BUILDINGS = 100;
    static final int DEVICES = 1_000;
    static final int METRICS = 10;

    private final SplittableRandom random;

    Population(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static String topic(int region, int building, int device, int metric) {
        return "region" + region + "/building" + building + "/device" + device + "/metric" + metric;
    }

    /** A random topic name of the space. */
    String topic() {
        return topic(random.nextInt(REGIONS), random.nextInt(BUILDINGS), random.nextInt(DEVICES),
                random.nextInt(METRICS));
    }

    /**
     * A random filter: 90% exact topics, 9% with one '+' at a random level, 1% ending in '#' (70% of those
     * below a device, 30% below a building).
     */
    String filter() {
        int kind = random.nextInt(100);
        if (kind < 90) {
            return topic();
        }
        String[] levels = topic().split("/");
        if (kind < 99) {
            levels[random.nextInt(levels.length)] = "+";
            return String.join("/", levels);
        }
        int keep = random.nextInt(10) < 7 ? 3 : 2;
        return String.join("/", Arrays.copyOf(levels, keep)) + "/#";
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
