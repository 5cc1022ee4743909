package dev.wren.broker.config;

import dev.wren.broker.BrokerConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Loads a {@link BrokerConfig} from a YAML file. Keys not in the file keep their defaults;
 * unknown keys and bad values are errors, all reported at once, each with its key path, e.g.
 * {@code listener.port: must be 0..65535, got 70000}. {@link #defaultYaml()} prints every key
 * with its default and a comment (the {@code --print-default-config} output). Stateless.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * Loads {@code file}.
     *
     * @throws ConfigException if the file cannot be read, is not YAML, or has bad keys or values
     */
    public static BrokerConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code source} names it in messages. */
    public static BrokerConfig parse(String yaml, String source) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        BrokerConfig.Builder builder = BrokerConfig.builder();
        if (root == null) {
            return builder.build();
        }
        List<String> errors = new ArrayList<>();
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigException(source + ": the top level must be a mapping of sections");
        }
        Map<String, Map<String, ConfigKey>> sections = sections();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String section = String.valueOf(e.getKey());
            Map<String, ConfigKey> keys = sections.get(section);
            if (keys == null) {
                errors.add(section + ": unknown section (known: " + String.join(", ", sections.keySet()) + ")");
            } else if (e.getValue() instanceof Map<?, ?> body) {
                applySection(section, body, keys, builder, errors);
            } else if (e.getValue() != null) {
                errors.add(section + ": must be a mapping of keys");
            }
        }
        BrokerConfig config = null;
        if (errors.isEmpty()) {
            try {
                config = builder.build();
            } catch (IllegalArgumentException ex) {
                errors.add(ex.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(source + ": invalid configuration:\n  " + String.join("\n  ", errors));
        }
        return config;
    }

    private static void applySection(String section, Map<?, ?> body, Map<String, ConfigKey> keys,
            BrokerConfig.Builder builder, List<String> errors) {
        for (Map.Entry<?, ?> kv : body.entrySet()) {
            String name = String.valueOf(kv.getKey());
            ConfigKey key = keys.get(name);
            if (key == null) {
                errors.add(section + "." + name + ": unknown key (known in " + section + ": "
                        + String.join(", ", keys.keySet()) + ")");
                continue;
            }
            String problem = ConfigValues.check(key, kv.getValue());
            if (problem != null) {
                errors.add(key.path() + ": " + problem);
                continue;
            }
            key.setter().accept(builder, ConfigValues.convert(key, kv.getValue()));
        }
    }

    private static Map<String, Map<String, ConfigKey>> sections() {
        Map<String, Map<String, ConfigKey>> map = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKeys.ALL) {
            map.computeIfAbsent(k.section(), s -> new LinkedHashMap<>()).put(k.name(), k);
        }
        return map;
    }

    /** The default configuration as a commented YAML document that {@link #load} accepts. */
    public static String defaultYaml() {
        BrokerConfig defaults = BrokerConfig.defaults();
        StringBuilder out = new StringBuilder("# Wren broker configuration (every key with its default)\n");
        Set<String> seen = new LinkedHashSet<>();
        for (ConfigKey k : ConfigKeys.ALL) {
            if (seen.add(k.section())) {
                out.append('\n').append(k.section()).append(":\n");
            }
            out.append("  # ").append(k.doc()).append('\n');
            Object v = k.getter().apply(defaults);
            if (k.type() == ConfigKey.Type.USERS) {
                out.append("  ").append(k.name()).append(": {}\n");
            } else if (k.type() == ConfigKey.Type.OPTIONAL_STRING && "".equals(v)) {
                out.append("  ").append(k.name()).append(": \"\"\n");
            } else {
                out.append("  ").append(k.name()).append(": ").append(v).append('\n');
            }
        }
        return out.toString();
    }

    static boolean isInteger(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof BigInteger;
    }
}
