package io.etwcorr.jobs.lineage;

import static io.etwcorr.jobs.lineage.ProcessEvents.HOST;
import static io.etwcorr.jobs.lineage.ProcessEvents.HOUR;
import static io.etwcorr.jobs.lineage.ProcessEvents.SECOND;
import static io.etwcorr.jobs.lineage.ProcessEvents.T0;
import static io.etwcorr.jobs.lineage.ProcessEvents.candidate;
import static io.etwcorr.jobs.lineage.ProcessEvents.hostTick;
import static io.etwcorr.jobs.lineage.ProcessEvents.id;
import static io.etwcorr.jobs.lineage.ProcessEvents.rundown;
import static io.etwcorr.jobs.lineage.ProcessEvents.start;
import static io.etwcorr.jobs.lineage.ProcessEvents.stop;
import static io.etwcorr.jobs.lineage.ProcessEvents.thread;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etwcorr.jobs.beacon.AnomalyRecords;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.out.EcsTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LineageFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_CALLBACK = T0 + 10 * SECOND;
    private static final long LAST_CALLBACK = T0 + 100 * SECOND;
    static final long HEALTH_INTERVAL_SECONDS = 60;

    private final List<KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, BeaconCandidate, BeaconCandidate>> harnesses =
            new ArrayList<>();

    @AfterEach
    void closeHarnesses() throws Exception {
        for (var harness : harnesses) {
            harness.close();
        }
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, BeaconCandidate, BeaconCandidate> open(
            EtwcorrConfig.Lineage config) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new LineageFunction(config, HEALTH_INTERVAL_SECONDS)),
                (EtwEvent event) -> event.host, (BeaconCandidate candidate) -> candidate.host, Types.STRING);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        harness.open();
        harnesses.add(harness);
        return harness;
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, BeaconCandidate, BeaconCandidate> open()
            throws Exception {
        return open(new EtwcorrConfig.Lineage());
    }

    private static void send(KeyedTwoInputStreamOperatorTestHarness<String, EtwEvent, BeaconCandidate, BeaconCandidate> harness,
            EtwEvent... events) throws Exception {
        for (EtwEvent event : events) {
            harness.processElement1(event, event.ts);
        }
    }

    /** The contract's example: explorer.exe 3000 → winword.exe 4400 → powershell.exe 5120 → rundll32.exe 7312. */
    private static EtwEvent[] contractExample() {
        return new EtwEvent[] {
            rundown(T0, 3000, 100, "explorer.exe", 2900, 90),
            start(T0 + 1, 4400, 200, "winword.exe", 3000, 100),
            thread(T0 + 1, 3000, 4400),
            start(T0 + 2, 5120, 300, "powershell.exe", 4400, 200),
            thread(T0 + 2, 4400, 5120),
            start(T0 + 3, 7312, 400, "rundll32.exe", 5120, 300),
            thread(T0 + 3, 5120, 7312)
        };
    }

    private static BeaconCandidate rundllBeacon() {
        return candidate(7312, 400, FIRST_CALLBACK, LAST_CALLBACK);
    }

    /** The one candidate the function let out, as the alert record it becomes. */
    private static JsonNode onlyAlert(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, BeaconCandidate> harness)
            throws Exception {
        List<BeaconCandidate> output = harness.extractOutputValues();
        assertThat(output).hasSize(1);
        String json = AnomalyRecords.anomaly(output.get(0)).json;
        assertThat(SchemaValidator.validate(SchemaId.ANOMALY, json)).isEmpty();
        return JSON.readTree(json);
    }

    @Test
    void holdsACandidateUntilTheHostWatermarkPassesItsLastCallback() throws Exception {
        var harness = open();
        send(harness, contractExample());
        harness.processElement2(rundllBeacon(), LAST_CALLBACK);
        send(harness, hostTick(LAST_CALLBACK - 1), thread(LAST_CALLBACK - 1, 7312, 7312));
        assertThat(harness.extractOutputValues()).isEmpty();

        send(harness, hostTick(LAST_CALLBACK));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(candidate -> {
            assertThat(candidate.lastSeen).isEqualTo(LAST_CALLBACK);
            assertThat(AnomalyRecords.anomaly(candidate).key).as("keyed by the episode's event.id")
                    .isEqualTo(rundllBeacon().episodeId);
        });
        JsonNode alert = onlyAlert(harness);
        assertThat(alert.path("lineage").toString()).isEqualTo("["
                + "{\"pid\":3000,\"entity_id\":\"WS-0042:s100\",\"name\":\"explorer.exe\",\"executable\":\"C:\\\\Windows\\\\System32\\\\explorer.exe\",\"edge\":\"root\"},"
                + "{\"pid\":4400,\"entity_id\":\"WS-0042:s200\",\"name\":\"winword.exe\",\"executable\":\"C:\\\\Windows\\\\System32\\\\winword.exe\",\"edge\":\"parent\"},"
                + "{\"pid\":5120,\"entity_id\":\"WS-0042:s300\",\"name\":\"powershell.exe\",\"executable\":\"C:\\\\Windows\\\\System32\\\\powershell.exe\",\"edge\":\"parent\"},"
                + "{\"pid\":7312,\"entity_id\":\"WS-0042:s400\",\"name\":\"rundll32.exe\",\"executable\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\",\"edge\":\"parent\"}]");
        assertThat(alert.path("patient_zero").toString()).isEqualTo(
                "{\"pid\":4400,\"entity_id\":\"WS-0042:s200\",\"name\":\"winword.exe\","
                + "\"executable\":\"C:\\\\Windows\\\\System32\\\\winword.exe\","
                + "\"reason\":\"first non-boundary ancestor below explorer.exe\"}");
    }

    @Test
    void writesTheAlertInTheContractShape() throws Exception {
        var harness = open();
        send(harness, contractExample());
        send(harness, hostTick(LAST_CALLBACK));
        harness.processElement2(rundllBeacon(), LAST_CALLBACK);

        // Lineage and patient zero have tests of their own; here the rest of the record.
        ObjectNode alert = (ObjectNode) onlyAlert(harness);
        alert.putArray("lineage");
        alert.remove("patient_zero");
        assertThat(alert.toString()).isEqualTo("{"
                + "\"@timestamp\":\"2026-11-25T19:08:20.000000Z\","
                + "\"event\":{\"kind\":\"alert\",\"category\":[\"network\"],\"type\":[\"connection\"],"
                + "\"action\":\"beacon-detected\",\"id\":\"beacon-400-" + FIRST_CALLBACK + "\","
                + "\"start\":\"2026-11-25T19:06:50.000000Z\",\"end\":\"2026-11-25T19:08:20.000000Z\"},"
                + "\"rule\":{\"name\":\"beacon\"},"
                + "\"host\":{\"name\":\"WS-0042\"},"
                + "\"process\":{\"pid\":7312,\"entity_id\":\"WS-0042:s400\",\"name\":\"rundll32.exe\","
                + "\"executable\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\",\"command_line\":\"rundll32.exe /run\","
                + "\"parent\":{\"pid\":5120,\"entity_id\":\"WS-0042:s300\",\"name\":\"powershell.exe\"}},"
                + "\"destination\":{\"ip\":\"203.0.113.7\",\"port\":443,\"domain\":\"cdn.evil.example\",\"registered_domain\":\"evil.example\"},"
                + "\"beacon\":{\"interval_s\":60.4,\"jitter\":0.21,\"callbacks\":14,\"score\":0.93,"
                + "\"first_seen\":\"2026-11-25T19:06:50.000000Z\",\"last_seen\":\"2026-11-25T19:08:20.000000Z\","
                + "\"bytes_out_median\":517,\"bytes_in_median\":190,\"hosts_contacting_destination\":1},"
                + "\"lineage\":[],"
                + "\"threat\":{\"framework\":\"MITRE ATT&CK\",\"tactic\":{\"name\":[\"Command and Control\"]},"
                + "\"technique\":{\"id\":[\"T1071\"]}}}");
    }

    @Test
    void theAlertIsTheSameWhicheverInputArrivesFirst() throws Exception {
        EtwEvent injection = thread(T0 + 5 * SECOND, 4400, 7312);
        var candidateFirst = open();
        candidateFirst.processElement2(rundllBeacon(), LAST_CALLBACK);
        send(candidateFirst, contractExample());
        send(candidateFirst, injection, hostTick(LAST_CALLBACK), stop(LAST_CALLBACK + HOUR, 4400, 200, "winword.exe"));
        var eventsFirst = open();
        send(eventsFirst, contractExample());
        send(eventsFirst, injection, hostTick(LAST_CALLBACK), stop(LAST_CALLBACK + HOUR, 4400, 200, "winword.exe"));
        eventsFirst.processElement2(rundllBeacon(), LAST_CALLBACK);

        JsonNode alert = onlyAlert(candidateFirst);
        assertThat(alert).isEqualTo(onlyAlert(eventsFirst));
        assertThat(alert.path("lineage").findValuesAsText("edge")).containsExactly("root", "parent", "injected");
        assertThat(alert.path("threat").path("technique").path("id").toString()).isEqualTo("[\"T1071\",\"T1055\"]");
    }

    @Test
    void aCandidateAfterTheEndOfInputIsResolvedAtOnce() throws Exception {
        var harness = open();
        send(harness, contractExample());
        send(harness, hostTick(Long.MAX_VALUE));

        harness.processElement2(candidate(7312, 400, T0 + 99 * HOUR, T0 + 100 * HOUR), Long.MAX_VALUE);

        assertThat(onlyAlert(harness).path("patient_zero").path("name").asText()).isEqualTo("winword.exe");
    }

    @Test
    void dueCandidatesGoOutInTheOrderOfTheirLastCallback() throws Exception {
        var harness = open();
        send(harness, contractExample());
        harness.processElement2(candidate(7312, 400, FIRST_CALLBACK, LAST_CALLBACK + 2), LAST_CALLBACK);
        harness.processElement2(candidate(5120, 300, FIRST_CALLBACK, LAST_CALLBACK + 1), LAST_CALLBACK);
        harness.processElement2(candidate(4400, 200, FIRST_CALLBACK, LAST_CALLBACK + 3), LAST_CALLBACK);

        send(harness, hostTick(LAST_CALLBACK + 2));
        assertThat(harness.extractOutputValues()).extracting(candidate -> candidate.lastSeen)
                .containsExactly(LAST_CALLBACK + 1, LAST_CALLBACK + 2);

        send(harness, start(LAST_CALLBACK + 3, 9000, 900, "calc.exe", 3000, 100));
        assertThat(harness.extractOutputValues()).extracting(candidate -> candidate.lastSeen)
                .containsExactly(LAST_CALLBACK + 1, LAST_CALLBACK + 2, LAST_CALLBACK + 3);
    }

    @Test
    void aProcessTheTableNeverSawIsNamedByTheCandidate() throws Exception {
        var harness = open();
        send(harness, hostTick(LAST_CALLBACK));
        harness.processElement2(rundllBeacon(), LAST_CALLBACK);

        JsonNode alert = onlyAlert(harness);
        assertThat(alert.path("process").toString()).isEqualTo("{\"pid\":7312,\"entity_id\":\"WS-0042:s400\"}");
        assertThat(alert.path("lineage").toString())
                .isEqualTo("[{\"pid\":7312,\"entity_id\":\"WS-0042:s400\",\"edge\":\"root\"}]");
        assertThat(alert.path("patient_zero").path("reason").asText()).isEqualTo("the alerting process itself (parent unknown)");
    }

    @Test
    void aBeaconOverDnsOnlyIsClassifiedAsDnsCommandAndControl() throws Exception {
        var harness = open();
        send(harness, contractExample());
        send(harness, hostTick(LAST_CALLBACK));
        BeaconCandidate overDns = rundllBeacon();
        overDns.ip = null;
        overDns.port = -1;
        harness.processElement2(overDns, LAST_CALLBACK);

        String json = AnomalyRecords.anomaly(harness.extractOutputValues().get(0)).json;
        assertThat(SchemaValidator.validate(SchemaId.ANOMALY, json)).isEmpty();
        JsonNode alert = JSON.readTree(json);
        assertThat(alert.path("destination").toString())
                .isEqualTo("{\"domain\":\"cdn.evil.example\",\"registered_domain\":\"evil.example\"}");
        assertThat(alert.path("threat").path("technique").path("id").toString()).isEqualTo("[\"T1071\",\"T1071.004\"]");
    }

    @Test
    void dropsExitedProcessesAfterTheRetentionAndLeavesNoTimers() throws Exception {
        EtwcorrConfig.Lineage config = new EtwcorrConfig.Lineage();
        config.retentionSeconds = 3600;
        var harness = open(config);
        send(harness, contractExample());
        harness.processElement2(rundllBeacon(), LAST_CALLBACK);
        send(harness, stop(LAST_CALLBACK + 1, 7312, 400, "rundll32.exe"),
                stop(LAST_CALLBACK + 2, 5120, 300, "powershell.exe"),
                stop(LAST_CALLBACK + 3, 4400, 200, "winword.exe"),
                stop(LAST_CALLBACK + 4, 3000, 100, "explorer.exe"));
        assertThat(harness.extractOutputValues()).hasSize(1);
        int afterAlert = harness.numKeyedStateEntries();

        send(harness, hostTick(LAST_CALLBACK + 4 + HOUR - 1));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(afterAlert);

        send(harness, hostTick(LAST_CALLBACK + 4 + HOUR));
        assertThat(harness.numKeyedStateEntries()).as("only the host's watermark is left").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    /**
     * At the bound (two processes per host), a third running process evicts the oldest one a lineage
     * still needs: etw.health counts it for the interval of the eviction, once the host's watermark has
     * left that interval, and the count's state goes with the record.
     */
    @Test
    void countsWhatTheBoundEvictsInTheHostsHealthOnceItsIntervalHasPassed() throws Exception {
        EtwcorrConfig.Lineage config = new EtwcorrConfig.Lineage();
        config.maxProcessesPerHost = 2;
        var harness = open(config);
        long minute = HEALTH_INTERVAL_SECONDS * SECOND;
        long interval = Math.floorDiv(T0 + minute, minute) * minute;
        send(harness, hostTick(interval - 1));
        int before = harness.numKeyedStateEntries();

        send(harness, start(interval + 1, 5001, 301, "a.exe", 3000, 100),
                start(interval + 2, 5002, 302, "b.exe", 3000, 100),
                hostTick(interval + 3),
                start(interval + 4, 5003, 303, "c.exe", 3000, 100),
                hostTick(interval + 5),
                start(interval + 6, 5004, 304, "d.exe", 3000, 100),
                hostTick(interval + minute - 1));
        assertThat(harness.getSideOutput(LineageFunction.HEALTH)).as("the interval is not over").isNull();
        int tableAndCount = harness.numKeyedStateEntries();

        send(harness, hostTick(interval + minute));

        assertThat(harness.getSideOutput(LineageFunction.HEALTH)).singleElement().satisfies(record -> {
            OutputRecord health = record.getValue();
            assertThat(SchemaValidator.validate(SchemaId.HEALTH, health.json)).isEmpty();
            JsonNode json = JSON.readTree(health.json);
            assertThat(json.at("/host/name").asText()).isEqualTo(HOST);
            assertThat(json.at("/interval/start").asText()).isEqualTo(EcsTime.format(interval));
            assertThat(json.at("/interval/end").asText()).isEqualTo(EcsTime.format(interval + minute));
            assertThat(json.at("/etwcorr/health/lineage_evictions").asLong()).as("a.exe, then b.exe").isEqualTo(2);
            assertThat(json.at("/etwcorr/health/received").asLong()).as("the sequencer counts events").isZero();
        });
        assertThat(tableAndCount).as("the table (processes, live PIDs) and the count (interval, evictions)")
                .isEqualTo(before + 2 + 2);
        assertThat(harness.numKeyedStateEntries()).as("the count went with its record").isEqualTo(before + 2);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void theEndOfInputEmitsTheEvictionsOfTheLastInterval() throws Exception {
        EtwcorrConfig.Lineage config = new EtwcorrConfig.Lineage();
        config.maxProcessesPerHost = 1;
        var harness = open(config);
        send(harness, start(T0 + 1, 5001, 301, "a.exe", 3000, 100),
                start(T0 + 2, 5002, 302, "b.exe", 3000, 100),
                hostTick(T0 + 3));
        assertThat(harness.getSideOutput(LineageFunction.HEALTH)).isNull();

        send(harness, hostTick(Long.MAX_VALUE));

        assertThat(harness.getSideOutput(LineageFunction.HEALTH)).singleElement()
                .satisfies(record -> assertThat(JSON.readTree(record.getValue().json)
                        .at("/etwcorr/health/lineage_evictions").asLong()).isEqualTo(1));
    }

    @Test
    void takesProcessEventsAndHostTicksOnly() {
        assertThat(LineageFunction.isInput(start(T0, 7312, 400, "rundll32.exe", 5120, 300))).isTrue();
        assertThat(LineageFunction.isInput(rundown(T0, 7312, 400, "rundll32.exe", 5120, 300))).isTrue();
        assertThat(LineageFunction.isInput(stop(T0, 7312, 400, "rundll32.exe"))).isTrue();
        assertThat(LineageFunction.isInput(thread(T0, 5120, 7312))).isTrue();
        assertThat(LineageFunction.isInput(hostTick(T0))).isTrue();
        assertThat(LineageFunction.isInput(EtwEvent.tick(HOST, 7312, T0))).as("a process's tick").isFalse();
        EtwEvent dns = new EtwEvent();
        dns.kind = EventKind.DNS_ANSWER;
        assertThat(LineageFunction.isInput(dns)).isFalse();
    }

    @Test
    void stateTypesAreFlinkPojosWithoutKryo() {
        SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
        noGenericTypes.setGenericTypes(false);
        for (Class<?> type : List.of(ProcessEntry.class, Injection.class, BeaconCandidate.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).isInstanceOf(PojoTypeInfo.class);
            assertThat(info.createSerializer(noGenericTypes)).isNotNull();
        }
    }
}
