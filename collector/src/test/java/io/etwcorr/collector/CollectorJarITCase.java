package io.etwcorr.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.testkit.arch.JarContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What `mvn package` built for Windows hosts (target/etwcorr-collector.jar + target/lib) holds the agent and nothing else. */
class CollectorJarITCase {
    private static final Path JAR = Path.of("target", "etwcorr-collector.jar");

    @Test
    void theAgentJarHoldsNoSimulatorCliTestKitOrBenchmark() throws IOException {
        assertThat(JAR).exists();
        assertThat(JarContents.entriesStartingWith(JAR, JarContents.TOOLS)).isEmpty();
        assertThat(JarContents.classCount(JAR, "io/etwcorr/collector/")).isPositive();
    }

    @Test
    void itsLibrariesAreNoneOfTheProjectsToolsNorTheJobs() throws IOException {
        try (Stream<Path> libs = Files.list(Path.of("target", "lib"))) {
            assertThat(libs.map(path -> path.getFileName().toString()))
                    .isNotEmpty()
                    .noneMatch(name -> name.matches("etwcorr-(simulator|cli|testkit|jobs).*|jmh-.*|flink-.*"));
        }
    }
}
