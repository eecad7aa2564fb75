package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.schemas.out.EcsTime;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.CorpusCases;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantInstance;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.LineageEntry;
import io.etwcorr.simulator.Tradecraft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} on two days of the hard cases (issue 15): a scheduled task's cmd.exe → curl.exe
 * per callback, an implant injected into the browsing chrome.exe, an IPv6-only C2 whose A lookups
 * fail, and one whose lookups only the DNS cache service logs. Every alert record names exactly the
 * implant's process as of its own time (for the task: the curl.exe of the latest callback), its
 * lineage with the injection edge, its patient zero, and each implant is one episode: one event.id.
 */
class AnalyzeHardCasesITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Tradecraft> CASES = List.of(Tradecraft.SCHEDULED_TASK, Tradecraft.INTO_BROWSER, Tradecraft.IPV6_ONLY,
            Tradecraft.CACHE_ONLY);
    private static final long TWO_DAYS_S = 48 * 3600;

    @TempDir
    static Path dir;
    private static GroundTruth truth;
    private static Map<String, List<JsonNode>> alertsByHost;

    @BeforeAll
    static void analyzeTwoDays() throws Exception {
        // The long-haul fleet's implants of these cases, one per host, on a smaller and sparser office.
        FleetSpec longHaul = CorpusCases.longHaul(3).fleet();
        List<ImplantSpec> implants = new ArrayList<>();
        for (ImplantSpec implant : longHaul.implants()) {
            if (CASES.contains(implant.tradecraft())) {
                implants.add(new ImplantSpec(implants.size(), implant.startAfterS(), implant.sleepS(), implant.jitter(),
                        implant.jitterKind(), implant.missedFraction(), implant.mode(), implant.delivery(), implant.target(),
                        implant.c2Domain(), implant.c2Port(), implant.activeForS(), implant.tradecraft()));
            }
        }
        FleetSpec fleet = new FleetSpec(3, CASES.size() + 2, FleetSpec.DEFAULT_START_MICROS, TWO_DAYS_S, 0.1, implants,
                BenignMix.defaults().withQuic());
        Path input = dir.resolve("hard-cases.jsonl.gz");
        truth = CorpusWriter.write(fleet, input);
        Path out = dir.resolve("out");
        AnalyzeCommand.analyze(List.of(input), out, ConfigLoader.defaults());
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("anomalies.jsonl"))) {
            alerts.add(JSON.readTree(line));
        }
        alertsByHost = alerts.stream().collect(Collectors.groupingBy(alert -> alert.at("/host/name").asText()));
    }

    @Test
    void theScheduledTaskIsOneEpisodeNamingTheCurlOfItsLatestCallbackUnderTheScheduleService() {
        ImplantTruth task = implant(Tradecraft.SCHEDULED_TASK);
        List<JsonNode> records = assertOneEpisodeWithExactProcesses(task);
        assertThat(records).allSatisfy(alert -> {
            assertThat(alert.at("/process/name").asText()).isEqualTo("curl.exe");
            assertThat(alert.at("/patient_zero/name").asText()).isEqualTo("cmd.exe");
            assertThat(alert.at("/beacon/instances").asInt()).isGreaterThan(1);
        });
    }

    @Test
    void theImplantInTheBrowsingChromeIsNamedWithItsInjectionEdgeAndTheMacroAsPatientZero() {
        ImplantTruth chrome = implant(Tradecraft.INTO_BROWSER);
        List<JsonNode> records = assertOneEpisodeWithExactProcesses(chrome);
        assertThat(records).allSatisfy(alert -> {
            assertThat(alert.at("/process/name").asText()).isEqualTo("chrome.exe");
            assertThat(alert.path("lineage").findValuesAsText("edge")).endsWith(LineageEntry.INJECTED);
            assertThat(alert.at("/patient_zero/name").asText()).isEqualTo("winword.exe");
        });
    }

    @Test
    void theIpv6OnlyC2IsOneDestinationDespiteItsFailingALookups() {
        ImplantTruth v6 = implant(Tradecraft.IPV6_ONLY);
        List<JsonNode> records = assertOneEpisodeWithExactProcesses(v6);
        assertThat(records).allSatisfy(alert -> assertThat(v6.addresses()).contains(alert.at("/destination/ip").asText()));
        assertThat(alertsByHost.get(v6.host())).as("no DNS-only twin of the C2 from its failed A lookups")
                .filteredOn(alert -> alert.at("/process/entity_id").asText().equals(v6.entityId()))
                .allMatch(alert -> alert.at("/destination/domain").asText().equals(v6.destination()));
    }

    @Test
    void theCacheOnlyLookupsAreJoinedThroughTheirClientPid() {
        ImplantTruth cacheOnly = implant(Tradecraft.CACHE_ONLY);
        assertOneEpisodeWithExactProcesses(cacheOnly);
    }

    /**
     * The implant's records: all on its C2 by name, one event.id, detected first then updated; each
     * names the process of the latest callback up to its {@code beacon.last_seen} with that
     * process's lineage (entities and edges) and patient zero.
     */
    private static List<JsonNode> assertOneEpisodeWithExactProcesses(ImplantTruth implant) {
        List<JsonNode> records = alertsByHost.getOrDefault(implant.host(), List.of()).stream()
                .filter(alert -> alert.at("/destination/domain").asText().equals(implant.destination())).toList();
        assertThat(records).as("alerts of %s (%s)", implant.destination(), implant.tradecraft()).isNotEmpty();
        assertThat(records).extracting(alert -> alert.at("/event/id").asText()).as("one episode").containsOnly(
                records.get(0).at("/event/id").asText());
        assertThat(records).extracting(alert -> alert.at("/event/action").asText()).first().isEqualTo("beacon-detected");
        assertThat(records).extracting(alert -> alert.at("/event/action").asText()).containsOnlyOnce("beacon-detected");
        for (JsonNode alert : records) {
            long lastSeen = EcsTime.parse(alert.at("/beacon/last_seen").asText());
            ImplantInstance expected = expectedProcess(implant, lastSeen);
            assertThat(alert.at("/process/entity_id").asText()).as("process at %s", lastSeen).isEqualTo(expected.entityId());
            assertThat(alert.path("lineage").findValuesAsText("entity_id")).as("lineage at %s", lastSeen)
                    .containsExactlyElementsOf(expected.lineage().stream().map(LineageEntry::entityId).toList());
            assertThat(alert.path("lineage").findValuesAsText("edge"))
                    .containsExactlyElementsOf(expected.lineage().stream().map(LineageEntry::edge).toList());
            assertThat(alert.at("/patient_zero/entity_id").asText()).isEqualTo(expected.patientZero().entityId());
        }
        return records;
    }

    /** The implant's process, or for a task the instance of its latest callback up to {@code lastSeen}. */
    private static ImplantInstance expectedProcess(ImplantTruth implant, long lastSeen) {
        if (implant.instances().isEmpty()) {
            return implant.process(implant.entityId()).orElseThrow();
        }
        int callbacks = (int) implant.callbackMicros().stream().filter(micros -> micros <= lastSeen).count();
        return implant.instances().get(callbacks - 1);
    }

    private static ImplantTruth implant(Tradecraft tradecraft) {
        return truth.implants().stream().filter(implant -> implant.tradecraft() == tradecraft).findFirst().orElseThrow();
    }
}
