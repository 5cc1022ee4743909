package dev.wren.bench;

import java.util.function.Consumer;

/** A sink that only counts, so a benchmark measures the match and not the delivery. Not thread-safe. */
final class CountingSink implements Consumer<Object> {

    int count;

    @Override
    public void accept(Object value) {
        count++;
    }

    int reset() {
        int c = count;
        count = 0;
        return c;
    }
}
