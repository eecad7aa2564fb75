package io.etwcorr.jobs.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The config file and its command-line overrides, shared by the commands that run the job graph. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (defaults work with the embedded broker).")
    public Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one config value (repeatable), e.g. --set correlation.bucketSeconds=30; "
                    + "lists whole: --set lineage.boundaryProcesses=[explorer.exe,services.exe] or =explorer.exe,services.exe.")
    public List<String> overrides = new ArrayList<>();

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallelism of the job (config: job.parallelism).")
    public Integer parallelism;

    public EtwcorrConfig load() {
        return load(List.of());
    }

    /** The config with a command's own options ({@code key=value}) applied last, after {@code --set}. */
    public EtwcorrConfig load(List<String> commandOverrides) {
        List<String> all = new ArrayList<>(overrides);
        if (parallelism != null) {
            all.add("job.parallelism=" + parallelism);
        }
        all.addAll(commandOverrides);
        return ConfigLoader.load(configFile, all);
    }
}
