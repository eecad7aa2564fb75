package io.etwcorr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.testkit.arch.JarContents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jar for `flink run` (target/etwcorr-job.jar) holds the job, its connector and clients, and nothing else. */
class JobJarITCase {
    private static final Path JAR = Path.of("target", "etwcorr-job.jar");

    @Test
    void theJobJarHoldsNoSimulatorCliTestKitBenchmarkOrCollector() throws IOException {
        assertThat(JAR).exists();
        assertThat(JarContents.entriesStartingWith(JAR, JarContents.TOOLS)).isEmpty();
        assertThat(JarContents.entriesStartingWith(JAR, List.of("io/etwcorr/collector/", "com/sun/jna/", "org/HdrHistogram/"))).isEmpty();
        assertThat(JarContents.classCount(JAR, "io/etwcorr/jobs/")).isPositive();
        assertThat(JarContents.classCount(JAR, "io/etwcorr/schemas/")).isPositive();
    }
}
