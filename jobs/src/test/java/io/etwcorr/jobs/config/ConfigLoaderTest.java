package io.etwcorr.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path EXAMPLE = Path.of("..", "etc", "etwcorr.example.yaml");

    @Test
    void theExampleFileListsEveryKeyWithItsDefault() {
        EtwcorrConfig example = ConfigLoader.load(EXAMPLE, List.of());
        ObjectMapper json = new ObjectMapper();
        assertThat(json.valueToTree(example).toString()).isEqualTo(json.valueToTree(ConfigLoader.defaults()).toString());
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
    void aTypoIsAnErrorNotASilentDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "correlation:\n  bucketSecond: 30\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucketSecond");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("job.parallelism=two")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("novalue")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=value");
    }
}
