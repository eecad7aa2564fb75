package io.etwcorr.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.testkit.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path EXAMPLE = Path.of("..", "etc", "etwcorr.example.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExampleFileListsEveryKeyWithItsDefault() {
        EtwcorrConfig example = ConfigLoader.load(EXAMPLE, List.of());
        assertThat(JSON.valueToTree(example).toString()).isEqualTo(JSON.valueToTree(ConfigLoader.defaults()).toString());
        // Every key is written out, not left to its default: the file is the reference of the keys.
        assertThat(ConfigKeys.written(EXAMPLE)).containsExactlyInAnyOrderElementsOf(ConfigKeys.of(ConfigLoader.defaults()));
    }

    @Test
    void overridesSetNestedValuesAndKafkaClientPropertiesWithDots() {
        EtwcorrConfig config = ConfigLoader.load(null, List.of(
                "kafka.bootstrapServers=broker-1:9093",
                "kafka.properties.security.protocol=SASL_SSL",
                "correlation.bucketSeconds=30",
                "beacon.threshold=0.7"));
        assertThat(config.kafka.bootstrapServers).isEqualTo("broker-1:9093");
        assertThat(config.kafka.properties).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.correlation.bucketSeconds).isEqualTo(30);
        assertThat(config.beacon.threshold).isEqualTo(0.7);
    }

    @Test
    void everyKnobTheOperatorsUseIsSettable() {
        EtwcorrConfig config = ConfigLoader.load(null, List.of(
                "lineage.boundaryProcesses=[explorer.exe, services.exe]",
                "lineage.retentionSeconds=3600",
                "lineage.maxProcessesPerHost=500",
                "beacon.weights.regularity=0.5",
                "beacon.weights.symmetry=0.2",
                "beacon.weights.sizeConsistency=0.3",
                "beacon.weights.regularityWithoutSizes=0.8",
                "beacon.allowlist.domains=example.com,example.org"));
        assertThat(config.lineage.boundaryProcesses).containsExactly("explorer.exe", "services.exe");
        assertThat(config.lineage.retentionSeconds).isEqualTo(3600);
        assertThat(config.lineage.maxProcessesPerHost).isEqualTo(500);
        assertThat(config.beacon.weights.regularity).isEqualTo(0.5);
        assertThat(config.beacon.weights.regularityWithoutSizes).isEqualTo(0.8);
        assertThat(config.beacon.allowlist.domains).containsExactly("example.com", "example.org");
    }

    @Test
    void valuesThatWouldSilentlyDisableDetectionAreRejectedAtLoad() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("beacon.threshold=5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid config: beacon.threshold: 5 is out of range [0, 1]");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("beacon.minCallbacks=-3")))
                .hasMessage("invalid config: beacon.minCallbacks: -3 is out of range [3, inf)");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("beacon.weights.symmetry=0.3")))
                .hasMessage("invalid config: beacon.weights.regularity + symmetry + sizeConsistency: 1.15 is not 1");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("correlation.dedupeWindow=100")))
                .hasMessage("invalid config: correlation.dedupeWindow: 100 is not a multiple of 64");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("kafka.startingOffsets=newest")))
                .hasMessage("invalid config: kafka.startingOffsets: 'newest' is not one of earliest, latest");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("kafka.topics.anomalies=")))
                .hasMessage("invalid config: kafka.topics.anomalies: must not be empty");
    }

    @Test
    void aTypoIsAnErrorNotASilentDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "correlation:\n  bucketSecond: 30\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("correlation.bucketSecond: unknown key");
        // beacon.boundaryProcesses moved to lineage: an old config says so instead of losing the list.
        Files.writeString(file, "beacon:\n  boundaryProcesses: [explorer.exe]\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessageContaining("beacon.boundaryProcesses: unknown key");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("job.parallelism=two")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job.parallelism: 'two' is not a whole number");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("novalue")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=value");
    }

    @Test
    void aDerivedConfigLeavesTheLoadedOneAsItWas() {
        EtwcorrConfig loaded = ConfigLoader.defaults();
        EtwcorrConfig bounded = ConfigLoader.derive(loaded, List.of("beacon.decideAtEndOfInput=true"));
        assertThat(bounded.beacon.decideAtEndOfInput).isTrue();
        assertThat(loaded.beacon.decideAtEndOfInput).isFalse();
        assertThat(JSON.valueToTree(ConfigLoader.derive(loaded, List.of())).toString())
                .isEqualTo(JSON.valueToTree(loaded).toString());
        assertThatThrownBy(() -> loaded.lineage.boundaryProcesses.add("cmd.exe"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
