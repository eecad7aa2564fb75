package io.etwcorr.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.testkit.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {
    private static final Path EXAMPLE = Path.of("..", "deploy", "windows", "collector.yaml");

    @Test
    void theDeployedExampleListsEveryKeyWithItsDefault() {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.valueToTree(CollectorConfig.load(EXAMPLE, List.of())).toString())
                .isEqualTo(json.valueToTree(new CollectorConfig()).toString());
        assertThat(ConfigKeys.written(EXAMPLE)).containsExactlyInAnyOrderElementsOf(ConfigKeys.of(new CollectorConfig()));
    }

    @Test
    void keywordMasksAreHex() {
        CollectorConfig config = new CollectorConfig();
        assertThat(config.providers.get(0).keywordMask()).isEqualTo(0x30L);
        CollectorConfig.Provider all = new CollectorConfig.Provider();
        all.keywords = "0xFFFFFFFFFFFFFFFF";
        assertThat(all.keywordMask()).isEqualTo(-1L);
    }

    @Test
    void aTypoIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("collector.yaml");
        Files.writeString(file, "session:\n  bufferSizeKB: 64\n");
        assertThatThrownBy(() -> CollectorConfig.load(file, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session.bufferSizeKB: unknown key");
    }

    @Test
    void overridesSetValuesAndListsLikeTheJobs() {
        CollectorConfig config = CollectorConfig.load(null, List.of(
                "session.bufferSizeKb=512",
                "filters.excludeImages=backup-agent.exe, *\\scanner.exe",
                "filters.excludeEventIds=3008,3020",
                "kafka.properties.security.protocol=SASL_SSL",
                "providers=[{name: Microsoft-Windows-Kernel-Process, guid: 22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716, keywords: '0x10'}]"));
        assertThat(config.session.bufferSizeKb).isEqualTo(512);
        assertThat(config.filters.excludeImages).containsExactly("backup-agent.exe", "*\\scanner.exe");
        assertThat(config.filters.excludeEventIds).containsExactly(3008, 3020);
        assertThat(config.kafka.properties).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.providers).singleElement().satisfies(provider -> {
            assertThat(provider.keywordMask()).isEqualTo(0x10L);
            assertThat(provider.level).isEqualTo(4);
        });
    }

    @Test
    void valuesOutOfRangeAreRejectedAtLoadNamingTheKey() {
        assertThatThrownBy(() -> CollectorConfig.load(null, List.of("session.bufferSizeKb=0")))
                .hasMessage("invalid config: session.bufferSizeKb: 0 is out of range [1, 16384]");
        assertThatThrownBy(() -> CollectorConfig.load(null, List.of("session.minBuffers=200")))
                .hasMessage("invalid config: session.minBuffers: 200 is above maxBuffers 128");
        assertThatThrownBy(() -> CollectorConfig.load(null, List.of("queueCapacity=-1")))
                .hasMessage("invalid config: queueCapacity: -1 is out of range [1, inf)");
        assertThatThrownBy(() -> CollectorConfig.load(null, List.of("providers=[{name: X, guid: '{22fb2cd6}', keywords: '0xZZ'}]")))
                .hasMessage("invalid config: providers[0].guid: '{22fb2cd6}' is not a GUID (8-4-4-4-12 hex digits, no braces); "
                        + "providers[0].keywords: '0xZZ' is not a hex mask of up to 16 digits, e.g. 0x30");
        assertThatThrownBy(() -> CollectorConfig.load(null, List.of("providers=[{name: X}]")))
                .hasMessage("invalid config: providers[0].guid: is required");
        assertThatThrownBy(() -> CollectorConfig.load(null, List.of("kafka.topic=")))
                .hasMessage("invalid config: kafka.topic: must not be empty");
    }

    @Test
    void coalescingIsOnByDefaultAndItsSettingsAreTypedAndChecked() {
        assertThat(new CollectorConfig().coalesce.settings()).isEqualTo(CoalesceSettings.DEFAULTS);
        CollectorConfig config = CollectorConfig.load(null, List.of("coalesce.enabled=false", "coalesce.idleGapMillis=100",
                "coalesce.maxSpanMillis=500", "coalesce.maxOpenWindows=64"));
        assertThat(config.coalesce.settings()).isEqualTo(
                new CoalesceSettings(false, Duration.ofMillis(100), Duration.ofMillis(500), 64));
        assertThatThrownBy(() -> CollectorConfig.load(null, List.of("coalesce.idleGapMillis=0")))
                .hasMessage("invalid config: coalesce.idleGapMillis: 0 is out of range [1, 60000]");
        assertThatThrownBy(() -> CollectorConfig.load(null, List.of("coalesce.idleGapMillis=2000")))
                .hasMessage("invalid config: coalesce.idleGapMillis: 2000 is above maxSpanMillis 1000");
        assertThatThrownBy(() -> CollectorConfig.load(null, List.of("coalesce.maxOpenWindows=0")))
                .hasMessage("invalid config: coalesce.maxOpenWindows: 0 is out of range [1, 1000000]");
    }
}
