package io.etwcorr.collector.cli;

import io.etwcorr.collector.config.CollectorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The collector's config file and its command-line overrides, shared by its commands. */
final class CollectorOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Collector config (YAML; deploy/windows/collector.yaml lists every key).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one config value (repeatable), e.g. --set session.bufferSizeKb=512; "
                    + "lists whole: --set filters.excludeImages=[a.exe,b.exe] or =a.exe,b.exe.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (config: kafka.bootstrapServers).")
    String bootstrapServers;

    @Option(names = "--discard-foreign-spool",
            description = "Delete a spool written for another cluster or topic instead of setting it aside (config: spool.discardForeign).")
    boolean discardForeignSpool;

    CollectorConfig load() {
        List<String> all = new ArrayList<>(overrides);
        if (bootstrapServers != null) {
            all.add("kafka.bootstrapServers=" + bootstrapServers);
        }
        if (discardForeignSpool) {
            all.add("spool.discardForeign=true");
        }
        return CollectorConfig.load(configFile, all);
    }

    /** These options as arguments of another command line (the installed service's), the config file absolute. */
    List<String> asArguments() {
        List<String> arguments = new ArrayList<>();
        if (configFile != null) {
            arguments.addAll(List.of("--config", configFile.toAbsolutePath().toString()));
        }
        overrides.forEach(override -> arguments.addAll(List.of("--set", override)));
        if (bootstrapServers != null) {
            arguments.addAll(List.of("--bootstrap-servers", bootstrapServers));
        }
        if (discardForeignSpool) {
            arguments.add("--discard-foreign-spool");
        }
        return arguments;
    }
}
