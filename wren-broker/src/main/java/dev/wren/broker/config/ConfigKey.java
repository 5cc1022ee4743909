package dev.wren.broker.config;

import dev.wren.broker.BrokerConfig;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One key of the configuration file: where it lives, its type and range, how it reaches the
 * builder and how its default is read back. Immutable.
 *
 * @param section top-level section, e.g. {@code listener}
 * @param name key inside the section, e.g. {@code port}
 * @param type value type
 * @param min smallest allowed value (numbers)
 * @param max largest allowed value (numbers)
 * @param setter applies a checked value to the builder
 * @param getter reads the value from a configuration (for printing the defaults)
 * @param doc one-line description, printed as a comment
 */
record ConfigKey(String section, String name, Type type, long min, long max,
        BiConsumer<BrokerConfig.Builder, Object> setter, Function<BrokerConfig, Object> getter, String doc) {

    /** Value types of configuration keys. */
    /** {@code OPTIONAL_STRING}: may be empty or absent (printed as {@code ""}), e.g. a file that is not used. */
    enum Type { STRING, OPTIONAL_STRING, INT, LONG, BOOL, USERS }

    String path() {
        return section + "." + name;
    }
}
