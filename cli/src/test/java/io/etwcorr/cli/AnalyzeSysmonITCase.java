package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.config.InputFormat;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.simulator.BeaconMode;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.sysmon.SysmonCorpusWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same simulated fleet through both inputs: the ETW collector's raw events and what Sysmon would
 * have logged (Winlogbeat 8.x JSON, and the event log's XML). Every beacon Sysmon can see alerts
 * alike — process, destination, lineage with its edges, patient zero — and says it came from
 * Sysmon; the keep-alive beacon, which only byte counts reveal, alerts from ETW alone.
 */
class AnalyzeSysmonITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough hosts for the chat apps and update services to be fleet-wide (>= 5 hosts and >= 10%). */
    private static final int HOSTS = 40;

    @TempDir
    Path dir;

    @Test
    void theSameScenariosAlertAlikeThroughEtwAndSysmonExceptTheKeepAliveBeacon() throws Exception {
        List<ImplantSpec> implants = AnalyzeScenariosITCase.implants();
        FleetSpec fleet = new FleetSpec(11, HOSTS, FleetSpec.DEFAULT_START_MICROS, 3600, 1.0, implants,
                BenignMix.defaults());

        Path raw = dir.resolve("fleet.jsonl.gz");
        GroundTruth truth = CorpusWriter.write(fleet, raw);
        Path sysmon = dir.resolve("fleet.winlogbeat.jsonl.gz");
        SysmonCorpusWriter.write(fleet, sysmon, SysmonCorpusWriter.Shape.WINLOGBEAT);

        List<JsonNode> etwAlerts = analyze(raw, InputFormat.RAW);
        List<JsonNode> sysmonAlerts = analyze(sysmon, InputFormat.SYSMON);

        ImplantTruth keepAlive = truth.implants().stream().filter(i -> i.mode() == BeaconMode.KEEP_ALIVE)
                .findFirst().orElseThrow();
        List<String> expected = etwAlerts.stream()
                .filter(alert -> !alert.at("/host/name").asText().equals(keepAlive.host()))
                .map(AnalyzeSysmonITCase::summary).toList();
        assertThat(etwAlerts).extracting(AnalyzeSysmonITCase::summary)
                .as("ETW sees every implant, the keep-alive one too")
                .hasSize(truth.implants().size())
                .anyMatch(summary -> summary.contains(keepAlive.image()) && summary.contains(keepAlive.host()));
        assertThat(sysmonAlerts).extracting(AnalyzeSysmonITCase::summary).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(etwAlerts).allSatisfy(alert -> assertThat(alert.has("input")).isFalse());
        assertThat(sysmonAlerts).allSatisfy(alert -> {
            assertThat(alert.at("/input/format").asText()).isEqualTo("sysmon");
            assertThat(alert.at("/input/not_evaluated").findValuesAsText("")).isEmpty();
            assertThat(alert.at("/input/not_evaluated").toString()).contains("keepalive_send_bursts", "data_sizes");
            assertThat(alert.at("/process/entity_id").asText()).contains(":g");
            assertThat(alert.at("/beacon/bytes_out_median").asLong()).as("not measured").isZero();
            assertThat(alert.at("/beacon/bytes_in_median").asLong()).as("not measured").isZero();
        });
    }

    /** Few hosts, so the benign browsers' polling alerts too: XML and Winlogbeat must agree on all of it. */
    @Test
    void anEventLogXmlExportGivesWhatWinlogbeatGives() throws Exception {
        FleetSpec fleet = new FleetSpec(5, 6, FleetSpec.DEFAULT_START_MICROS, 1800, 1.0,
                List.of(ImplantSpec.story(0)), BenignMix.defaults());
        Path xml = dir.resolve("small.xml");
        GroundTruth truth = SysmonCorpusWriter.write(fleet, xml, SysmonCorpusWriter.Shape.XML);
        Path winlogbeat = dir.resolve("small.jsonl");
        SysmonCorpusWriter.write(fleet, winlogbeat, SysmonCorpusWriter.Shape.WINLOGBEAT);
        ImplantTruth story = truth.implants().get(0);

        List<JsonNode> alerts = analyze(xml, InputFormat.SYSMON);

        assertThat(alerts).isEqualTo(analyze(winlogbeat, InputFormat.SYSMON));
        for (String file : List.of("connections.jsonl", "health.jsonl")) {
            assertThat(Files.readAllLines(dir.resolve("small.xml.out").resolve(file))).as(file)
                    .isNotEmpty()
                    .isEqualTo(Files.readAllLines(dir.resolve("small.jsonl.out").resolve(file)));
        }
        assertThat(dir.resolve("small.xml.out").resolve("deadletter.jsonl")).isEmptyFile();
        assertThat(alerts).filteredOn(alert -> alert.at("/process/name").asText().equals(story.image()))
                .singleElement().satisfies(alert -> {
                    assertThat(alert.at("/host/name").asText()).isEqualTo(story.host());
                    assertThat(alert.at("/destination/domain").asText()).isEqualTo(story.destination());
                    assertThat(alert.path("lineage").findValuesAsText("name"))
                            .containsExactlyElementsOf(story.lineage().stream().map(e -> e.name()).toList());
                    assertThat(alert.path("lineage").findValuesAsText("edge"))
                            .containsExactlyElementsOf(story.lineage().stream().map(e -> e.edge()).toList());
                    assertThat(alert.at("/patient_zero/name").asText()).isEqualTo(story.patientZero().name());
                });
    }

    private List<JsonNode> analyze(Path input, InputFormat format) throws Exception {
        Path out = dir.resolve(input.getFileName() + ".out");
        EtwcorrConfig config = ConfigLoader.load(null, List.of("input.format=" + format));
        AnalyzeCommand.analyze(List.of(input), out, config);
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("anomalies.jsonl"))) {
            assertThat(SchemaValidator.validate(SchemaId.ANOMALY, line)).isEmpty();
            alerts.add(JSON.readTree(line));
        }
        return alerts;
    }

    /** What both inputs must agree on: host, process, destination, lineage (names and edges), patient zero. */
    private static String summary(JsonNode alert) {
        JsonNode destination = alert.path("destination");
        String named = destination.hasNonNull("domain") ? destination.path("domain").asText()
                : destination.path("ip").asText() + ":" + destination.path("port").asInt();
        List<String> lineage = new ArrayList<>();
        for (JsonNode entry : alert.path("lineage")) {
            lineage.add(entry.path("edge").asText() + " " + entry.path("name").asText());
        }
        return alert.at("/host/name").asText() + " " + alert.at("/process/name").asText() + " -> " + named
                + " [" + lineage.stream().collect(Collectors.joining(", ")) + "] patient zero "
                + alert.at("/patient_zero/name").asText() + " " + alert.at("/event/action").asText();
    }
}
