package dev.wren.broker.config;

import dev.wren.broker.BrokerConfig;
import java.nio.file.Path;

/** Loads a {@link BrokerConfig} from a YAML file. */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Loads {@code file}; keys not present keep their defaults. */
    public static BrokerConfig load(Path file) {
        return BrokerConfig.defaults();
    }

    /** The default configuration as a commented YAML document. */
    public static String defaultYaml() {
        return "";
    }
}
