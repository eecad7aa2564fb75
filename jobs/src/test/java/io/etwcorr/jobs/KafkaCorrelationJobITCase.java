package io.etwcorr.jobs;

import io.etwcorr.testkit.raw.ContractRawLines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production wiring end to end: raw records into etw.raw of a real broker, the job in a
 * MiniCluster, every output topic read back with read_committed and checked record by record.
 */
class KafkaCorrelationJobITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void rawRecordsBecomeConnectionsFlowsHealthAndDeadLetters() throws Exception {
        EtwcorrConfig config = ConfigLoader.load(null, List.of(
                "kafka.bootstrapServers=" + kafka.bootstrapServers(),
                "job.checkpointIntervalMs=500",
                "correlation.idleHostFlushSeconds=2"));
        EtwcorrConfig.Topics topics = config.kafka.topics;
        kafka.createTopics(2, topics.raw, topics.connections, topics.flows, topics.health, topics.deadletter);

        List<String> lines = new ArrayList<>(ContractRawLines.examples());
        lines.addAll(List.of(
                // The collector sent seq 18 twice (at-least-once): dropped and counted.
                ContractRawLines.line(18, 1795633628000000L, "Microsoft-Windows-DNS-Client", 3008, 0, 7312,
                        "{\"QueryName\":\"cdn.evil.example\",\"QueryType\":1,\"QueryOptions\":0,\"QueryStatus\":0,"
                                + "\"QueryResults\":\"::ffff:203.0.113.7;\"}", ""),
                ContractRawLines.line(21, 1795633629000000L, "Microsoft-Windows-Kernel-File", 12, 1, 7312, "{\"FileName\":\"x\"}", ""),
                ContractRawLines.line(22, 1795633630000000L, "EtwCorrelation-Collector", 1, 0, -1,
                        "{\"eventsLost\":3,\"buffersLost\":0,\"sent\":22,\"spooled\":0,\"dropped\":0,"
                                + "\"providers\":[\"Microsoft-Windows-DNS-Client\"]}", ""),
                "{\"v\":1,\"host\":\"WS-0042\",\"run\":\"r\",\"seq\":\"twenty\"}"));
        produce(topics.raw, lines);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(KafkaCorrelationJob.flinkConfiguration());
        JobClient job = KafkaCorrelationJob.start(env, config);
        try {
            List<JsonNode> connections = consume(topics.connections, 1);
            List<JsonNode> flows = consume(topics.flows, 1);
            List<JsonNode> health = consume(topics.health, 1);
            List<JsonNode> deadletters = consume(topics.deadletter, 1);

            assertThat(connections).singleElement().satisfies(c -> {
                assertValid(SchemaId.CONNECTION, c);
                assertThat(c.at("/@timestamp").asText()).isEqualTo("2026-11-25T19:07:08.051000Z");
                assertThat(c.at("/process/pid").asLong()).isEqualTo(7312);
                assertThat(c.at("/process/entity_id").asText()).isEqualTo("WS-0042:s9981");
                assertThat(c.at("/process/name").asText()).isEqualTo("rundll32.exe");
                assertThat(c.at("/network/direction").asText()).isEqualTo("outbound");
                assertThat(c.at("/source/ip").asText()).isEqualTo("10.0.0.42");
                assertThat(c.at("/destination/ip").asText()).isEqualTo("203.0.113.7");
                assertThat(c.at("/destination/port").asInt()).isEqualTo(443);
                assertThat(c.at("/destination/domain").asText()).isEqualTo("cdn.evil.example");
                assertThat(c.at("/dns/question/name").asText()).isEqualTo("cdn.evil.example");
                assertThat(c.at("/dns/resolved_at").asText()).isEqualTo("2026-11-25T19:07:08.000000Z");
            });
            assertThat(flows).singleElement().satisfies(f -> {
                assertValid(SchemaId.FLOW, f);
                assertThat(f.at("/@timestamp").asText()).isEqualTo("2026-11-25T19:07:00.000000Z");
                assertThat(f.at("/bucket/end").asText()).isEqualTo("2026-11-25T19:08:00.000000Z");
                assertThat(f.at("/source/bytes").asLong()).isEqualTo(517);
                assertThat(f.at("/source/packets").asLong()).isEqualTo(1);
                assertThat(f.at("/destination/bytes").asLong()).isZero();
                assertThat(f.at("/destination/domain").asText()).isEqualTo("cdn.evil.example");
            });
            assertThat(health).singleElement().satisfies(h -> {
                assertValid(SchemaId.HEALTH, h);
                JsonNode counters = h.at("/etwcorr/health");
                assertThat(counters.get("received").asLong()).isEqualTo(7);
                assertThat(counters.get("duplicates").asLong()).isEqualTo(1);
                assertThat(counters.get("passed_over").asLong()).isEqualTo(1);
                assertThat(counters.get("etw_events_lost").asLong()).isEqualTo(3);
                assertThat(counters.get("sequence_gaps").asLong()).isZero();
                assertThat(counters.get("runs").asLong()).isEqualTo(1);
            });
            assertThat(deadletters).singleElement().satisfies(d -> {
                assertValid(SchemaId.DEADLETTER, d);
                assertThat(d.at("/error/type").asText()).isEqualTo("contract_violation");
                assertThat(d.at("/error/message").asText()).contains("seq");
                assertThat(d.at("/etwcorr/deadletter/origin").asText()).startsWith(topics.raw + "/");
            });
        } finally {
            job.cancel().get();
        }
    }

    /** Winlogbeat 8.x's document of a Sysmon event on WS-0042 (Winlogbeat sends no record key by default). */
    private static String winlogbeat(int eventId, long recordId, String utcTime, String eventData) {
        return ("{\"@timestamp\":\"2026-11-25T19:07:08.100Z\",\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"event_id\":\"%d\",\"record_id\":\"%d\",\"provider_name\":\"Microsoft-Windows-Sysmon\","
                + "\"computer_name\":\"WS-0042\",\"event_data\":{\"UtcTime\":\"%s\",%s}}}")
                .formatted(eventId, recordId, utcTime, eventData);
    }

    @Test
    void sysmonFromAWinlogbeatTopicBecomesConnectionsHealthAndDeadLetters() throws Exception {
        EtwcorrConfig config = ConfigLoader.load(null, List.of(
                "kafka.bootstrapServers=" + kafka.bootstrapServers(),
                "input.format=sysmon",
                "kafka.topics.raw=winlogbeat",
                "kafka.topics.connections=sysmon.connections",
                "kafka.topics.flows=sysmon.flows",
                "kafka.topics.health=sysmon.health",
                "kafka.topics.deadletter=sysmon.deadletter",
                "kafka.topics.anomalies=sysmon.anomalies",
                "kafka.groupId=etwcorr-sysmon",
                "kafka.transactionalIdPrefix=etwcorr-sysmon",
                "job.checkpointIntervalMs=500",
                "correlation.idleHostFlushSeconds=2"));
        EtwcorrConfig.Topics topics = config.kafka.topics;
        kafka.createTopics(2, topics.raw, topics.connections, topics.flows, topics.health, topics.deadletter,
                topics.anomalies);
        String guid = "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}";
        produce(topics.raw, List.of(
                winlogbeat(1, 100, "2026-11-25 19:07:07.000", ("\"ProcessGuid\":\"%s\",\"ProcessId\":\"7312\","
                        + "\"Image\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\",\"ParentProcessGuid\":"
                        + "\"{5770385f-c22a-43e0-bf4c-06f5698f0001}\",\"ParentProcessId\":\"5120\"").formatted(guid)),
                winlogbeat(22, 101, "2026-11-25 19:07:08.000", ("\"ProcessGuid\":\"%s\",\"ProcessId\":\"7312\","
                        + "\"QueryName\":\"cdn.evil.example\",\"QueryStatus\":\"0\","
                        + "\"QueryResults\":\"::ffff:203.0.113.7;\"").formatted(guid)),
                // Record 102 never arrives: one gap.
                winlogbeat(3, 103, "2026-11-25 19:07:08.051", ("\"ProcessGuid\":\"%s\",\"ProcessId\":\"7312\","
                        + "\"Protocol\":\"tcp\",\"Initiated\":\"true\",\"SourceIp\":\"10.0.0.42\","
                        + "\"SourcePort\":\"50123\",\"DestinationIp\":\"203.0.113.7\",\"DestinationPort\":\"443\"")
                        .formatted(guid)),
                winlogbeat(3, 104, "2026-11-25 19:07:09.000", "\"ProcessGuid\":\"x\""),
                "not json"), null);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(KafkaCorrelationJob.flinkConfiguration());
        JobClient job = KafkaCorrelationJob.start(env, config);
        try {
            List<JsonNode> connections = consume(topics.connections, 1);
            List<JsonNode> health = consume(topics.health, 1);
            List<JsonNode> deadletters = consume(topics.deadletter, 2);

            assertThat(connections).singleElement().satisfies(c -> {
                assertValid(SchemaId.CONNECTION, c);
                assertThat(c.at("/process/entity_id").asText()).isEqualTo("WS-0042:g5770385f-c22a-43e0-bf4c-06f5698ffbd9");
                assertThat(c.at("/process/name").asText()).isEqualTo("rundll32.exe");
                assertThat(c.at("/destination/ip").asText()).isEqualTo("203.0.113.7");
                assertThat(c.at("/destination/domain").asText()).isEqualTo("cdn.evil.example");
            });
            assertThat(health).singleElement().satisfies(h -> {
                assertValid(SchemaId.HEALTH, h);
                JsonNode counters = h.at("/etwcorr/health");
                assertThat(counters.get("received").asLong()).isEqualTo(4);
                assertThat(counters.get("dead_letters").asLong()).isEqualTo(1);
                assertThat(counters.get("sequence_gaps").asLong()).isEqualTo(1);
                assertThat(counters.get("runs").asLong()).isEqualTo(1);
            });
            assertThat(deadletters).allSatisfy(d -> assertValid(SchemaId.DEADLETTER, d))
                    .extracting(d -> d.at("/error/message").asText())
                    .anySatisfy(message -> assertThat(message).startsWith("Sysmon event 3"))
                    .anySatisfy(message -> assertThat(message).startsWith("not JSON"));
        } finally {
            job.cancel().get();
        }
    }

    private static void produce(String topic, List<String> values) throws Exception {
        produce(topic, values, "WS-0042");
    }

    private static void produce(String topic, List<String> values, String key) throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get();
            }
        }
    }

    /** A topic read as a SIEM would (read_committed), each record's JSON parsed. */
    private static List<JsonNode> consume(String topic, int expected) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (var record : kafka.consume(topic, expected, Duration.ofSeconds(90), true)) {
            records.add(JSON.readTree(record.value()));
        }
        return records;
    }

    private static void assertValid(SchemaId schema, JsonNode record) {
        assertThat(SchemaValidator.validate(schema, record.toString())).as(record.toString()).isEmpty();
    }
}
