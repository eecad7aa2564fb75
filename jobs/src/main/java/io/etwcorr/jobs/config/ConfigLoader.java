package io.etwcorr.jobs.config;

import io.etwcorr.schemas.config.YamlConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link EtwcorrConfig} through the project's one config loader ({@link YamlConfig}): a YAML file,
 * then {@code --set key.path=value} overrides, checked at load. Unknown keys and values out of range
 * are errors naming the key.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Reads {@code file} (null: none) and applies {@code overrides} in order. */
    public static EtwcorrConfig load(Path file, List<String> overrides) {
        return YamlConfig.load(EtwcorrConfig.class, file, overrides);
    }

    public static EtwcorrConfig defaults() {
        return YamlConfig.defaults(EtwcorrConfig.class);
    }

    /** A copy of {@code config} with {@code overrides} applied; {@code config} is left as it is. */
    public static EtwcorrConfig derive(EtwcorrConfig config, List<String> overrides) {
        return YamlConfig.derive(config, overrides);
    }
}
