package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) stops the demo in order, quietly, with exit code 0: the CLI in its own JVM, as a person runs it. */
class DemoCtrlCITCase {

    @Test
    void ctrlCStopsTheDemoCleanlyWithExitCodeZero(@TempDir Path temp) throws Exception {
        Path jvmOptions = Path.of("..", "etc", "flink-jvm.options").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmOptions, "-Dlog4j2.configurationFile=etwcorr-log4j2.xml", "-Detwcorr.log.level=warn",
                "-cp", System.getProperty("java.class.path"), Etwcorr.class.getName(),
                "demo", "--hosts", "3", "--web-ui-port", "0", "--report-port", "0"));
        Path stderr = temp.resolve("stderr.txt");
        Process demo = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.startsWith("[")) { // the first progress line: everything runs
                    break;
                }
            }
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("Ctrl-C stops"));

            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(demo.pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops").isTrue();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
            assertThat(demo.exitValue()).isZero();
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("stopping (fleet, job, Kafka)"));
        } finally {
            demo.destroyForcibly();
        }
        assertThat(Files.readString(stderr)).as("no stack trace, no warning flood").doesNotContain("Exception", "\tat ", "WARN");
    }
}
