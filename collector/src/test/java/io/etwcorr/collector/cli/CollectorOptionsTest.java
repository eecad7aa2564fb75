package io.etwcorr.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.collector.config.CollectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CollectorOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        CollectorOptions options;
    }

    private static CollectorOptions parse(List<String> arguments) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(arguments.toArray(String[]::new));
        return probe.options;
    }

    @Test
    void theFileThenSetThenTheKafkaOption(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("collector.yaml");
        Files.writeString(file, "session:\n  bufferSizeKb: 128\nkafka:\n  bootstrapServers: from-file:9092\n");
        CollectorConfig config = parse(List.of("--config", file.toString(), "--set", "session.minBuffers=32",
                "--set", "kafka.bootstrapServers=from-set:9092", "--bootstrap-servers", "from-option:9092")).load();
        assertThat(config.session.bufferSizeKb).isEqualTo(128);
        assertThat(config.session.minBuffers).isEqualTo(32);
        assertThat(config.kafka.bootstrapServers).isEqualTo("from-option:9092");
    }

    @Test
    void theInstalledServiceGetsTheSameConfigOverridesIncluded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("collector.yaml");
        Files.writeString(file, "heartbeatSeconds: 5\n");
        CollectorOptions installed = parse(List.of("--config", file.toString(),
                "--set", "filters.excludeImages=a.exe,b.exe", "--bootstrap-servers", "broker:9093"));
        CollectorOptions service = parse(installed.asArguments());
        ObjectMapper json = new ObjectMapper();
        assertThat(json.valueToTree(service.load()).toString()).isEqualTo(json.valueToTree(installed.load()).toString());
        assertThat(service.load().filters.excludeImages).containsExactly("a.exe", "b.exe");
        assertThat(service.configFile).isAbsolute();
    }
}
