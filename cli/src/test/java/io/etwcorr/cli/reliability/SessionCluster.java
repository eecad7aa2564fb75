package io.etwcorr.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink session cluster of separate JVMs on this host, run through the operator's script
 * {@code deploy/flink/bin/flink-cluster.sh} (so the tests exercise that script), with the shipped
 * {@code deploy/flink/conf} where only ports and state directories are changed for the test.
 */
final class SessionCluster implements AutoCloseable {
    static final Path HOME = Path.of("..", "deploy", "flink").toAbsolutePath().normalize();
    private static final Path SCRIPT = HOME.resolve("bin/flink-cluster.sh");
    private static final Pattern SUBMITTED = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");
    /** The script names TaskManager N taskmanager-N, its resource id, pid and log file. */
    private static final String TASK_MANAGER_PREFIX = "taskmanager-";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    private final Path confDir;
    private final Path runDir;
    private final String restUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private SessionCluster(Path confDir, Path runDir, int restPort) {
        this.confDir = confDir;
        this.runDir = runDir;
        this.restUrl = "http://localhost:" + restPort;
    }

    /** Starts a JobManager and {@code taskManagers} TaskManagers with state under {@code workDir}. */
    static SessionCluster start(Path workDir, int taskManagers) throws Exception {
        Path confDir = Files.createDirectories(workDir.resolve("conf"));
        int restPort = freePort();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("rest.port", Integer.toString(restPort));
        overrides.put("jobmanager.rpc.port", Integer.toString(freePort()));
        overrides.put("execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
        overrides.put("execution.checkpointing.savepoint-dir", workDir.resolve("savepoints").toUri().toString());
        Files.writeString(confDir.resolve("config.yaml"),
                withOverrides(Files.readString(HOME.resolve("conf/config.yaml")), overrides));
        Files.copy(HOME.resolve("conf/log4j.properties"), confDir.resolve("log4j.properties"));
        SessionCluster cluster = new SessionCluster(confDir, workDir.resolve("run"), restPort);
        try {
            cluster.script("start", Integer.toString(taskManagers));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** {@code config} with each {@code key: value} line of an overridden key replaced. */
    static String withOverrides(String config, Map<String, String> overrides) {
        StringBuilder result = new StringBuilder();
        Set<String> replaced = new LinkedHashSet<>();
        for (String line : config.split("\n", -1)) {
            int colon = line.indexOf(':');
            String key = colon > 0 && !line.startsWith("#") ? line.substring(0, colon).trim() : "";
            if (overrides.containsKey(key)) {
                result.append(key).append(": ").append(overrides.get(key)).append('\n');
                replaced.add(key);
            } else {
                result.append(line).append('\n');
            }
        }
        if (!replaced.equals(overrides.keySet())) {
            throw new IllegalStateException("keys not in the shipped config.yaml: " + overrides.keySet());
        }
        return result.toString();
    }

    /** Submits a job jar detached ({@code flink run -d}); returns the job id. */
    String submit(Path jar, List<String> jobArgs, String... runOptions) {
        List<String> args = new ArrayList<>(List.of("flink", "run", "-d"));
        args.addAll(List.of(runOptions));
        args.add(jar.toString());
        args.addAll(jobArgs);
        return find(SUBMITTED, script(args.toArray(String[]::new)));
    }

    /** Stops the job with a savepoint ({@code flink stop --savepointPath}); returns the savepoint's path. */
    String stopWithSavepoint(String jobId, Path directory) {
        return find(SAVEPOINT, script("flink", "stop", "--savepointPath", directory.toUri().toString(), jobId));
    }

    void cancel(String jobId) {
        script("flink", "cancel", jobId);
    }

    /** The REST API's view of a job: {@code /jobs/ID}. */
    JsonNode job(String jobId) {
        return rest("/jobs/" + jobId);
    }

    /** {@code /jobs/ID/checkpoints}: counts, the latest completed and the restored checkpoint. */
    JsonNode checkpoints(String jobId) {
        return rest("/jobs/" + jobId + "/checkpoints");
    }

    /** The resource ids of the TaskManagers that run subtasks of the job's first vertex (its source). */
    List<String> taskManagersRunningSource(String jobId) {
        String vertex = job(jobId).path("vertices").path(0).path("id").asText();
        List<String> ids = new ArrayList<>();
        for (JsonNode taskManager : rest("/jobs/" + jobId + "/vertices/" + vertex + "/taskmanagers").path("taskmanagers")) {
            ids.add(taskManager.path("taskmanager-id").asText());
        }
        return ids;
    }

    /** Starts a TaskManager again under the resource id of one that died, and waits until the cluster has two. */
    void startTaskManager(String resourceId) {
        script("start-taskmanager", resourceId.substring(TASK_MANAGER_PREFIX.length()));
        script("wait-ready", "2");
    }

    /** Kills the TaskManager's JVM with SIGKILL, as {@code kill -9} does, and waits until it is gone. */
    void killTaskManager(String resourceId) throws Exception {
        long pid = Long.parseLong(Files.readString(runDir.resolve(resourceId + ".pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(resourceId + " (pid " + pid + ") does not run"));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    Path logDir() {
        return runDir.resolve("log");
    }

    @Override
    public void close() {
        script("stop");
    }

    private JsonNode rest(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(restUrl + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + restUrl + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    /** Runs the cluster script; returns its output, or fails with it. */
    private String script(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FLINK_CONF_DIR", confDir.toString());
        builder.environment().put("FLINK_RUN_DIR", runDir.toString());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("flink-cluster.sh " + String.join(" ", args) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + SCRIPT, e);
        }
    }

    private static String find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in the client's output:\n" + output);
        }
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
