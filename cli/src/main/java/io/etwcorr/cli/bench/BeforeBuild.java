package io.etwcorr.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The end-to-end stage of another build of the project (the build before a change, checked out
 * and packaged in its own folder, never installed), run in its own JVM right after this build's,
 * on the same machine: its ratio is {@code e2e_ratio_before}.
 */
public final class BeforeBuild {

    /** That build's end-to-end figures, from the final JSON line of its bench. */
    record Result(double jobPerS, double baselinePerS, double ratio, String commit) {
    }

    private BeforeBuild() {}

    /** Why {@code buildDir} cannot be run, or null when it can. */
    public static String problem(Path buildDir) {
        boolean packaged = Files.isRegularFile(buildDir.resolve("cli/target/etwcorr-cli.jar"))
                && Files.isDirectory(buildDir.resolve("cli/target/lib"))
                && Files.isRegularFile(buildDir.resolve("etc/flink-jvm.options"));
        return packaged ? null : buildDir + " is not a packaged checkout (needs cli/target/etwcorr-cli.jar, "
                + "cli/target/lib and etc/flink-jvm.options: run `mvn -q package -DskipTests` there)";
    }

    static Result endToEnd(Path buildDir, boolean quick, Duration timeout, Path workDir, Consumer<String> progress)
            throws Exception {
        if (problem(buildDir) != null) {
            throw new IllegalArgumentException(problem(buildDir));
        }
        Path jar = buildDir.resolve("cli/target/etwcorr-cli.jar");
        Path lib = buildDir.resolve("cli/target/lib");
        Path jvmOptions = buildDir.resolve("etc/flink-jvm.options");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmOptions, "-Detwcorr.log.level=warn",
                "-cp", jar + java.io.File.pathSeparator + lib.resolve("*"),
                "io.etwcorr.cli.Etwcorr", "bench", "--stages", "e2e",
                "--report", workDir.resolve("before-build.md").toString()));
        if (quick) {
            command.add("--quick");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("bench: ")) {
                    progress.accept("before-build " + line.substring("bench: ".length()));
                }
                if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new EndToEndThroughput.StageIncompleteException("the build in " + buildDir + " did not finish its bench within " + timeout);
        }
        JsonNode json = last == null || !last.startsWith("{") ? null : new ObjectMapper().readTree(last);
        if (json == null || !json.path("e2e_ratio").isNumber()) {
            throw new EndToEndThroughput.StageIncompleteException("the build in " + buildDir + " gave no e2e_ratio (exit "
                    + process.exitValue() + ", last line: " + last + ")");
        }
        return new Result(json.path("e2e_events_per_s").asDouble(Double.NaN),
                json.path("baseline_events_per_s").asDouble(Double.NaN), json.path("e2e_ratio").asDouble(),
                json.path("commit").asText("unknown"));
    }
}
