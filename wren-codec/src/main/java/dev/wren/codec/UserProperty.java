package dev.wren.codec;

import java.util.Objects;

/** An MQTT 5.0 User Property: a UTF-8 string pair. Order and duplicates are significant. */
public record UserProperty(String name, String value) {
    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
