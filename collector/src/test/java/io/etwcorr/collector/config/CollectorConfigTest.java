package io.etwcorr.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bufferSizeKB");
    }
}
