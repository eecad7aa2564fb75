package io.etwcorr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What can be checked of deploy/ and etc/ without Docker, Kubernetes or a SIEM: every YAML and JSON file
 * parses, the job configurations in them load, the files agree with each other and with the build (versions,
 * topic sizing, parallelism), the Kafka Connect configs have their required keys, the index template maps
 * only fields of the alert schema, and the shell scripts pass {@code bash -n}.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    /** The fleet deploy/k8s/strimzi-kafka.yaml is sized for (its header comment). */
    private static final int STRIMZI_EXAMPLE_HOSTS = 2000;
    private static final Map<String, List<String>> CONNECTOR_REQUIRED_KEYS = Map.of(
            "io.confluent.connect.elasticsearch.ElasticsearchSinkConnector",
            List.of("connection.url", "key.ignore", "schema.ignore", "behavior.on.malformed.documents"),
            "io.aiven.kafka.connect.opensearch.OpensearchSinkConnector",
            List.of("connection.url", "key.ignore", "schema.ignore", "behavior.on.malformed.documents"),
            "com.splunk.kafka.connect.SplunkSinkConnector",
            List.of("splunk.hec.uri", "splunk.hec.token", "splunk.indexes", "splunk.hec.ack.enabled"));

    private static List<Path> files(String... extensions) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String folder : List.of("deploy", "etc")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(folder))) {
                walk.filter(Files::isRegularFile)
                        .filter(file -> Stream.of(extensions).anyMatch(file.getFileName().toString()::endsWith))
                        .sorted().forEach(found::add);
            }
        }
        assertThat(found).as("files %s under deploy/ and etc/", List.of(extensions)).isNotEmpty();
        return found;
    }

    private static List<JsonNode> yamlDocuments(Path file) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file)).readAll()
                    .stream().filter(document -> !document.isNull() && !document.isMissingNode()).toList();
        } catch (IOException e) {
            throw new AssertionError(file + " is no valid YAML: " + e.getMessage(), e);
        }
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError(file + " is no valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> documentsOfKind(String kind) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (Path file : files(".yaml", ".yml")) {
            yamlDocuments(file).stream().filter(document -> document.path("kind").asText().equals(kind))
                    .forEach(documents::add);
        }
        return documents;
    }

    private static EtwcorrConfig load(String origin, String yaml) throws IOException {
        Path file = Files.createTempFile("etwcorr-config", ".yaml");
        try {
            Files.writeString(file, yaml);
            return ConfigLoader.load(file, List.of());
        } catch (IllegalArgumentException e) {
            throw new AssertionError(origin + ": " + e.getMessage(), e);
        } finally {
            Files.delete(file);
        }
    }

    /** The job configurations the Kubernetes Secrets and ConfigMaps carry under the key etwcorr.yaml. */
    private static Map<String, EtwcorrConfig> embeddedJobConfigs() throws IOException {
        Map<String, EtwcorrConfig> configs = new TreeMap<>();
        for (String kind : List.of("Secret", "ConfigMap")) {
            for (JsonNode resource : documentsOfKind(kind)) {
                for (String field : List.of("data", "stringData")) {
                    JsonNode yaml = resource.path(field).path("etwcorr.yaml");
                    if (yaml.isTextual()) {
                        String name = resource.at("/metadata/name").asText();
                        configs.put(name, load(kind + " " + name, yaml.asText()));
                    }
                }
            }
        }
        return configs;
    }

    private static String pomProperty(String name) throws IOException {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(matcher.find()).as("pom.xml property %s", name).isTrue();
        return matcher.group(1);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
        return output;
    }

    @TestFactory
    Stream<DynamicTest> everyYamlFileParses() throws IOException {
        return files(".yaml", ".yml").stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(),
                () -> assertThat(yamlDocuments(file)).as(file.toString()).isNotEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> everyJsonFileParses() throws IOException {
        return files(".json").stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(),
                () -> assertThat(json(file).isObject()).as(file.toString()).isTrue()));
    }

    @TestFactory
    Stream<DynamicTest> everyShellScriptPassesBashSyntaxCheck() throws IOException {
        return files(".sh").stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(),
                () -> run(List.of("bash", "-n", ROOT.relativize(file).toString()))));
    }

    @Test
    void theJobConfigurationsLoad() throws IOException {
        for (Path file : files("etwcorr.yaml", "etwcorr.example.yaml")) {
            try {
                assertThat(ConfigLoader.load(file, List.of())).as(file.toString()).isNotNull();
            } catch (IllegalArgumentException e) {
                throw new AssertionError(file + ": " + e.getMessage(), e);
            }
        }
        assertThat(embeddedJobConfigs()).as("job configs in Kubernetes resources").isNotEmpty();
    }

    @Test
    void theFlinkDeploymentRunsTheJobJarWithItsMountedConfigAtTheConfiguredParallelism() throws IOException {
        List<JsonNode> deployments = documentsOfKind("FlinkDeployment");
        assertThat(deployments).isNotEmpty();
        Map<String, EtwcorrConfig> configs = embeddedJobConfigs();
        for (JsonNode deployment : deployments) {
            JsonNode spec = deployment.path("spec");
            JsonNode job = spec.path("job");
            assertThat(job.path("upgradeMode").asText()).isEqualTo("last-state");
            assertThat(job.path("jarURI").asText()).endsWith("/etwcorr-job.jar");
            assertThat(spec.at("/flinkConfiguration/high-availability.type").asText()).isEqualTo("kubernetes");
            for (String durable : List.of("high-availability.storageDir", "execution.checkpointing.dir",
                    "execution.checkpointing.savepoint-dir")) {
                assertThat(spec.path("flinkConfiguration").path(durable).asText()).as(durable).matches("(s3|gs|abfss|hdfs)://.+");
            }

            List<String> args = YAML.convertValue(job.path("args"), YAML.getTypeFactory().constructCollectionType(List.class, String.class));
            String configPath = args.get(args.indexOf("--config") + 1);
            JsonNode mount = mountAt(spec.path("podTemplate"), configPath);
            String volume = volumeSource(spec.path("podTemplate"), mount.path("name").asText());
            assertThat(configs).as("the config mounted at %s", configPath).containsKey(volume);
            assertThat(job.path("parallelism").asInt())
                    .as("the job sets its parallelism from job.parallelism; the operator sizes TaskManagers from this")
                    .isEqualTo(configs.get(volume).job.parallelism);
        }
    }

    private static JsonNode mountAt(JsonNode podTemplate, String path) {
        for (JsonNode container : podTemplate.at("/spec/containers")) {
            for (JsonNode mount : container.path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals(path)) {
                    return mount;
                }
            }
        }
        throw new AssertionError("nothing is mounted at " + path);
    }

    private static String volumeSource(JsonNode podTemplate, String volumeName) {
        for (JsonNode volume : podTemplate.at("/spec/volumes")) {
            if (volume.path("name").asText().equals(volumeName)) {
                return volume.at("/secret/secretName").asText(volume.at("/configMap/name").asText());
            }
        }
        throw new AssertionError("no volume " + volumeName);
    }

    @Test
    void theStrimziTopicsAreTheTopicScriptsSizingForTheirFleet() throws Exception {
        Map<String, JsonNode> scripted = new TreeMap<>();
        Pattern create = Pattern.compile("--topic (\\S+) --partitions (\\d+) --replication-factor (\\d+)((?: --config \\S+)*)");
        String dryRun = run(List.of("bash", "deploy/kafka/create-topics.sh", "--dry-run", "--hosts",
                Integer.toString(STRIMZI_EXAMPLE_HOSTS)));
        for (String line : dryRun.lines().filter(line -> line.contains("kafka-topics.sh")).toList()) {
            Matcher matcher = create.matcher(line);
            assertThat(matcher.find()).as(line).isTrue();
            Map<String, String> config = new TreeMap<>();
            for (String pair : matcher.group(4).replace("--config", "").trim().split("\\s+")) {
                config.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            scripted.put(matcher.group(1), JSON.createObjectNode().put("partitions", Integer.parseInt(matcher.group(2)))
                    .put("replicas", Integer.parseInt(matcher.group(3))).set("config", JSON.valueToTree(config)));
        }
        EtwcorrConfig.Topics defaults = ConfigLoader.defaults().kafka.topics;
        assertThat(scripted).containsOnlyKeys(defaults.raw, defaults.anomalies, defaults.connections, defaults.flows,
                defaults.health, defaults.deadletter);

        Map<String, JsonNode> strimzi = new TreeMap<>();
        for (JsonNode topic : documentsOfKind("KafkaTopic")) {
            JsonNode spec = topic.path("spec");
            Map<String, String> config = new TreeMap<>();
            spec.path("config").fields().forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));
            strimzi.put(topic.at("/metadata/name").asText(), JSON.createObjectNode()
                    .put("partitions", spec.path("partitions").asInt()).put("replicas", spec.path("replicas").asInt())
                    .set("config", JSON.valueToTree(config)));
        }
        assertThat(strimzi).isEqualTo(scripted);
        int largestParallelism = documentsOfKind("FlinkDeployment").stream()
                .mapToInt(deployment -> deployment.at("/spec/job/parallelism").asInt()).max().orElseThrow();
        assertThat(strimzi.get(defaults.raw).path("partitions").asInt())
                .as("every source subtask reads at least one etw.raw partition").isGreaterThanOrEqualTo(largestParallelism);
    }

    @Test
    void theKafkaConnectSinksReadCommittedAlertsAndHaveTheirRequiredKeys() throws IOException {
        String anomalies = ConfigLoader.defaults().kafka.topics.anomalies;
        List<String> checked = new ArrayList<>();
        for (Path file : files(".json")) {
            JsonNode connector = json(file);
            JsonNode config = connector.path("config");
            if (!config.has("connector.class")) {
                continue;
            }
            String connectorClass = config.path("connector.class").asText();
            assertThat(CONNECTOR_REQUIRED_KEYS).as("%s: a known connector", file).containsKey(connectorClass);
            assertThat(connector.path("name").asText()).as("%s: name", file).isNotBlank();
            List<String> required = new ArrayList<>(List.of("tasks.max", "topics", "key.converter", "value.converter"));
            required.addAll(CONNECTOR_REQUIRED_KEYS.get(connectorClass));
            for (String key : required) {
                assertThat(config.path(key).asText()).as("%s: %s", file, key).isNotBlank();
            }
            assertThat(config.path("topics").asText()).as("%s: topics", file).isEqualTo(anomalies);
            assertThat(config.path("consumer.override.isolation.level").asText())
                    .as("%s: only committed alerts (the job writes in transactions)", file).isEqualTo("read_committed");
            if (config.path("errors.tolerance").asText().equals("all")) {
                assertThat(config.path("errors.deadletterqueue.topic.name").asText())
                        .as("%s: a record the sink cannot take goes to a dead-letter topic, not away", file).isNotBlank();
            }
            if (config.path("value.converter").asText().endsWith("JsonConverter")) {
                assertThat(config.path("value.converter.schemas.enable").asText()).as("%s: plain JSON records", file)
                        .isEqualTo("false");
            }
            checked.add(connectorClass);
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(CONNECTOR_REQUIRED_KEYS.keySet());
    }

    /**
     * The job keys etw.anomalies by event.id (LineageFunctionTest); the index sinks must make that key the
     * document id and write the whole record under it, so an episode's beacon-updated records replace its
     * document instead of piling up beside it.
     */
    @Test
    void theIndexSinksKeepOneDocumentPerEpisodeKeyedByEventId() throws IOException {
        Map<String, String> writeMethodKeys = Map.of(
                "deploy/siem/elasticsearch-sink.json", "write.method",
                "deploy/siem/opensearch-sink.json", "index.write.method");
        for (Map.Entry<String, String> sink : writeMethodKeys.entrySet()) {
            JsonNode config = json(ROOT.resolve(sink.getKey())).path("config");
            assertThat(config.path("key.ignore").asText()).as("%s: document id = record key", sink.getKey()).isEqualTo("false");
            assertThat(config.path("key.converter").asText()).as("%s: the key is the event.id string", sink.getKey())
                    .isEqualTo("org.apache.kafka.connect.storage.StringConverter");
            assertThat(config.path(sink.getValue()).asText()).as("%s: %s", sink.getKey(), sink.getValue())
                    .isIn("insert", "upsert");
        }
    }

    @Test
    void theIndexTemplateMapsOnlyAlertFieldsAndTheExampleAlertIsValid() throws IOException {
        JsonNode schema;
        try (InputStream in = SchemaValidator.class.getResourceAsStream(SchemaId.ANOMALY.fileName())) {
            schema = JSON.readTree(in);
        }
        int templates = 0;
        for (Path file : files(".json")) {
            JsonNode mappings = json(file).at("/template/mappings/properties");
            if (json(file).has("index_patterns")) {
                assertThat(MappingAgainstSchema.mismatches(mappings, schema)).as(file.toString()).isEmpty();
                templates++;
            }
        }
        assertThat(templates).isPositive();
        Path example = ROOT.resolve("deploy/siem/example-alert.json");
        assertThat(SchemaValidator.validate(SchemaId.ANOMALY, Files.readString(example))).as(example.toString()).isEmpty();
    }

    @Test
    void imagesAndPluginsCarryTheBuildsFlinkAndKafkaVersions() throws IOException {
        String flink = pomProperty("flink.version");
        String kafka = pomProperty("kafka.version");
        String flinkMinor = "v" + flink.substring(0, flink.lastIndexOf('.')).replace('.', '_');
        Map<Pattern, String> expected = Map.of(
                Pattern.compile("\\bflink:(\\d[\\w.]*?)-"), flink,
                Pattern.compile("flink-[a-z0-9-]+?-(\\d+\\.\\d+\\.\\d+)\\.jar"), flink,
                Pattern.compile("apache/kafka:([\\w.]+)"), kafka,
                Pattern.compile("flinkVersion: (v\\w+)"), flinkMinor);
        Map<String, Integer> uses = new HashMap<>();
        List<Path> files = new ArrayList<>(files(".yaml", ".yml"));
        files.addAll(files("Dockerfile"));
        for (Path file : files) {
            String text = Files.readString(file);
            expected.forEach((pattern, version) -> {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    assertThat(matcher.group(1)).as("%s: %s", file, matcher.group()).isEqualTo(version);
                    uses.merge(pattern.pattern(), 1, Integer::sum);
                }
            });
        }
        assertThat(uses).as("every kind of version reference is checked somewhere").hasSize(expected.size());
    }

    @Test
    void theComposeFilesMountsExistOrAreBuildOutputs() throws IOException {
        for (Path file : files("docker-compose.yaml", "compose.yaml")) {
            for (JsonNode service : yamlDocuments(file).get(0).path("services")) {
                for (JsonNode volume : service.path("volumes")) {
                    String source = volume.asText().split(":")[0];
                    if (!source.startsWith(".")) {
                        continue; // a named volume
                    }
                    Path path = file.getParent().resolve(source).normalize();
                    Path inRepository = ROOT.normalize().relativize(path);
                    if (inRepository.getNameCount() > 1 && inRepository.getName(1).toString().equals("target")) {
                        // A module's build output exists once that module is packaged: check the module instead.
                        assertThat(ROOT.resolve(inRepository.getName(0)).resolve("pom.xml"))
                                .as("%s mounts %s", file, source).exists();
                    } else {
                        assertThat(path).as("%s mounts %s", file, source).exists();
                    }
                }
            }
        }
    }
}
