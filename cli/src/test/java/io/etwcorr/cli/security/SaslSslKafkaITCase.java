package io.etwcorr.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.cli.Etwcorr;
import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.collector.delivery.SpoolingKafkaSink;
import io.etwcorr.collector.runtime.KafkaDelivery;
import io.etwcorr.testkit.raw.ContractRawLines;
import io.etwcorr.jobs.KafkaCorrelationJob;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import io.etwcorr.testkit.kafka.LocalCertificates;
import io.etwcorr.schemas.config.SecretProperties;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The collector's delivery and the correlation job both talk to a broker that accepts only
 * SASL_SSL (SCRAM-SHA-512 over TLS, certificates made at run time), configured through their YAML
 * files with the passwords in a file (collector) and in an environment variable (job, set by
 * failsafe) — Kafka's own config providers resolve them, so they are in no config object. A wrong
 * password is reported clearly, and no password is in the logs or in {@code --help}. The broker
 * enforces the ACLs of deploy/kafka/acls.md, so the flow also shows they are enough for each role.
 */
class SaslSslKafkaITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set for this test by the failsafe configuration of jobs/pom.xml. */
    private static final String JOB_PASSWORD_VARIABLE = "ETWCORR_IT_KAFKA_PASSWORD";
    private static final String COLLECTOR_USER = "etwcorr-collector";
    private static final String JOB_USER = "etwcorr-job";
    private static final String ALERTS_USER = "etwcorr-alerts";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    static Path directory;

    private static EmbeddedKafka kafka;
    private static final String COLLECTOR_PASSWORD = "collector-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();
    private static final String ALERTS_PASSWORD = "alerts-" + UUID.randomUUID();
    private static final EtwcorrConfig.Kafka DEFAULT_KAFKA = ConfigLoader.defaults().kafka;

    @BeforeAll
    static void startSecureBroker() throws Exception {
        kafka = EmbeddedKafka.builder()
                .saslSsl(LocalCertificates.create(Files.createDirectories(directory.resolve("tls"))))
                .authorizer()
                .start();
        kafka.addScramUser(COLLECTOR_USER, COLLECTOR_PASSWORD);
        kafka.addScramUser(JOB_USER, jobPassword());
        kafka.addScramUser(ALERTS_USER, ALERTS_PASSWORD);
        List<AclBinding> acls = new ArrayList<>(RoleAcls.collector(COLLECTOR_USER, DEFAULT_KAFKA.topics.raw));
        acls.addAll(RoleAcls.job(JOB_USER, DEFAULT_KAFKA));
        acls.addAll(RoleAcls.alerts(ALERTS_USER, DEFAULT_KAFKA.topics.anomalies));
        kafka.addAcls(acls);
        EtwcorrConfig.Topics topics = DEFAULT_KAFKA.topics;
        kafka.createTopics(2, topics.raw, topics.anomalies, topics.connections, topics.flows, topics.health,
                topics.deadletter);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void collectorAndJobConnectOverSaslSslAndNoPasswordIsLoggedOrPrinted() throws Exception {
        EtwcorrConfig jobConfig = ConfigLoader.load(writeJobConfig(), List.of(
                "job.checkpointIntervalMs=500", "correlation.idleHostFlushSeconds=2"));
        EtwcorrConfig.Topics topics = jobConfig.kafka.topics;

        String logs;
        List<JsonNode> connections = new ArrayList<>();
        try (CapturedLogs captured = new CapturedLogs()) {
            Path secrets = directory.resolve("collector-secrets.properties");
            Files.writeString(secrets, "password=" + COLLECTOR_PASSWORD + "\n");
            CollectorConfig collectorConfig = CollectorConfig.load(writeCollectorConfig("collector.yaml",
                    "${file:" + secrets + ":password}", directory.resolve("spool")), List.of());
            try (SpoolingKafkaSink delivery = KafkaDelivery.start(collectorConfig)) {
                for (String line : ContractRawLines.examples()) {
                    delivery.accept(RawEventCodec.decode(line));
                }
                awaitTrue(() -> delivery.stats().sent() == 4, "the collector delivers over SASL_SSL");
            }

            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(KafkaCorrelationJob.flinkConfiguration());
            JobClient job = KafkaCorrelationJob.start(env, jobConfig);
            try {
                for (var record : kafka.consume(topics.connections, 1, WAIT, true)) {
                    connections.add(JSON.readTree(record.value()));
                }
            } finally {
                job.cancel().get();
            }

            CollectorConfig wrong = CollectorConfig.load(writeCollectorConfig("wrong.yaml", WRONG_PASSWORD,
                    directory.resolve("wrong-spool")), List.of());
            try (SpoolingKafkaSink delivery = KafkaDelivery.start(wrong)) {
                delivery.accept(RawEventCodec.decode(ContractRawLines.examples().get(0)));
                awaitTrue(() -> delivery.stats().spooled() == 1, "a rejected collector spools");
            }
            logs = captured.text();
        }

        assertThat(connections).singleElement().satisfies(c -> {
            assertThat(c.at("/process/entity_id").asText()).isEqualTo("WS-0042:s9981");
            assertThat(c.at("/destination/ip").asText()).isEqualTo("203.0.113.7");
            assertThat(c.at("/destination/domain").asText()).isEqualTo("cdn.evil.example");
        });
        assertThat(logs)
                .contains("Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512")
                .contains("sasl.jaas.config=" + SecretProperties.REDACTED)
                .contains("ProducerConfig values", "ConsumerConfig values")
                .doesNotContain(COLLECTOR_PASSWORD, WRONG_PASSWORD, jobPassword());
        assertThat(help("job", "--help") + help("collector", "run", "--help") + help("collector", "replay", "--help"))
                .contains("--config")
                .doesNotContain(COLLECTOR_PASSWORD, WRONG_PASSWORD, jobPassword());
    }

    @Test
    void eachRoleReachesOnlyWhatDeployKafkaAclsMdGrantsIt() {
        EtwcorrConfig.Topics topics = DEFAULT_KAFKA.topics;
        Map<String, String> collector = kafka.saslSslClientProperties(COLLECTOR_USER, COLLECTOR_PASSWORD);
        Map<String, String> alerts = kafka.saslSslClientProperties(ALERTS_USER, ALERTS_PASSWORD);

        assertThat(sendError(collector, topics.raw)).isNull();
        assertThat(sendError(collector, topics.anomalies)).isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> poll(collector, topics.raw, RoleAcls.ALERTS_GROUP_PREFIX + "-collector"))
                .isInstanceOfAny(TopicAuthorizationException.class, GroupAuthorizationException.class);
        // Without a topic to write, the idempotent producer is refused its producer id already.
        assertThat(sendError(alerts, topics.anomalies))
                .isInstanceOfAny(TopicAuthorizationException.class, ClusterAuthorizationException.class);
        assertThatThrownBy(() -> poll(alerts, topics.raw, RoleAcls.ALERTS_GROUP_PREFIX + "-raw"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> poll(alerts, topics.anomalies, "other-group"))
                .isInstanceOf(GroupAuthorizationException.class);
        poll(alerts, topics.anomalies, RoleAcls.ALERTS_GROUP_PREFIX + "-" + UUID.randomUUID());
    }

    /** The error of sending one record to {@code topic} with the collector's producer, or null. */
    private static Exception sendError(Map<String, String> properties, String topic) {
        try (KafkaRawProducer producer = new KafkaRawProducer(kafka.saslSslBootstrapServers(), topic, properties)) {
            producer.send(RawEventCodec.decode(ContractRawLines.examples().get(1)));
            producer.flush();
            return producer.lastError();
        } catch (RawEventException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void poll(Map<String, String> clientProperties, String topic, String group) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.saslSslBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline && consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(200));
            }
            assertThat(consumer.assignment()).as("partitions of " + topic).isNotEmpty();
        }
    }

    private static String jobPassword() {
        String password = System.getenv(JOB_PASSWORD_VARIABLE);
        assertThat(password).as(JOB_PASSWORD_VARIABLE + " (set by failsafe)").isNotBlank();
        return password;
    }

    private static Path writeJobConfig() throws Exception {
        Map<String, String> properties = kafka.saslSslClientProperties(JOB_USER, "${env:" + JOB_PASSWORD_VARIABLE + "}");
        properties.put("config.providers", "env");
        properties.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        Path file = directory.resolve("etwcorr.yaml");
        Files.writeString(file, "kafka:\n  bootstrapServers: " + kafka.saslSslBootstrapServers() + "\n"
                + "  properties:\n" + yamlEntries(properties, "    "));
        return file;
    }

    private static Path writeCollectorConfig(String name, String password, Path spool) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(kafka.saslSslClientProperties(COLLECTOR_USER, password));
        properties.put("config.providers", "file");
        properties.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        Path file = directory.resolve(name);
        Files.writeString(file, "kafka:\n  bootstrapServers: " + kafka.saslSslBootstrapServers() + "\n"
                + "  topic: etw.raw\n  properties:\n" + yamlEntries(properties, "    ")
                + "spool:\n  directory: '" + spool + "'\n");
        return file;
    }

    private static String yamlEntries(Map<String, String> entries, String indent) {
        StringBuilder yaml = new StringBuilder();
        entries.forEach((key, value) -> yaml.append(indent).append(key).append(": '")
                .append(value.replace("'", "''")).append("'\n"));
        return yaml.toString();
    }

    private static String help(String... arguments) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Etwcorr.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        assertThat(commandLine.execute(arguments)).isZero();
        return out.toString();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
