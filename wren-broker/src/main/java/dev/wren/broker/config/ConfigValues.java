package dev.wren.broker.config;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** Type and range checks of configuration values as parsed from YAML. Stateless. */
final class ConfigValues {
    private ConfigValues() {}

    /** Returns {@code null} if {@code value} fits {@code key}, else what is wrong with it. */
    static String check(ConfigKey key, Object value) {
        if (value == null) {
            return key.type() == ConfigKey.Type.OPTIONAL_STRING ? null : "has no value";
        }
        return switch (key.type()) {
            case OPTIONAL_STRING -> value instanceof String ? null : "must be a string (\"\" for none), got " + show(value);
            case STRING -> value instanceof String s && !s.isBlank() ? null : "must be a non-empty string, got " + show(value);
            case BOOL -> value instanceof Boolean ? null : "must be true or false, got " + show(value);
            case INT, LONG -> checkNumber(key, value);
            case USERS -> checkUsers(value);
        };
    }

    private static String checkNumber(ConfigKey key, Object value) {
        if (!ConfigLoader.isInteger(value)) {
            return "must be a whole number, got " + show(value);
        }
        BigInteger n = new BigInteger(value.toString());
        if (n.compareTo(BigInteger.valueOf(key.min())) < 0 || n.compareTo(BigInteger.valueOf(key.max())) > 0) {
            return "must be " + key.min() + ".." + key.max() + ", got " + value;
        }
        return null;
    }

    private static String checkUsers(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return "must be a mapping of user name to password, got " + show(value);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String || e.getValue() instanceof Number)) {
                return "user '" + e.getKey() + "' must have a string password";
            }
        }
        return null;
    }

    /** The checked value in the type the builder takes. */
    static Object convert(ConfigKey key, Object value) {
        return switch (key.type()) {
            case INT, LONG -> ((Number) value).longValue();
            case USERS -> {
                Map<String, String> users = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> users.put((String) k, String.valueOf(v)));
                yield users;
            }
            case OPTIONAL_STRING -> value == null ? "" : value;
            default -> value;
        };
    }

    private static String show(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
