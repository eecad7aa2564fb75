package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.simulator.BeaconMode;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.Delivery;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.InjectionTarget;
import io.etwcorr.simulator.JitterKind;
import io.etwcorr.simulator.LineageEntry;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} on generated fleets: each implant (every beacon mode, direct and injected, by
 * domain and by bare IP) alerts with exactly its process, destination, lineage and patient zero;
 * benign fleets, whose update services and chat apps poll from every host, do not alert at all.
 */
class AnalyzeScenariosITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough hosts for the chat apps and update services to be fleet-wide (>= 5 hosts and >= 10%). */
    private static final int HOSTS = 40;

    @TempDir
    Path dir;

    @Test
    void everyImplantAlertsWithItsLineageAndPatientZeroAndNothingElseDoes() throws Exception {
        List<ImplantSpec> implants = implants();
        FleetSpec fleet = new FleetSpec(11, HOSTS, FleetSpec.DEFAULT_START_MICROS, 3600, 1.0, implants,
                BenignMix.defaults());

        List<JsonNode> alerts = analyze(fleet, "implants.jsonl.gz");
        GroundTruth truth = GroundTruth.read(CorpusWriter.truthFile(dir.resolve("implants.jsonl.gz")));

        // Every alert is one of the implants; every implant alerts (again only when its score rose materially).
        for (JsonNode alert : alerts) {
            assertThat(truth.implants()).as("alert %s", alert).anyMatch(implant -> isAbout(alert, implant));
        }
        for (ImplantTruth implant : truth.implants()) {
            JsonNode alert = alerts.stream().filter(a -> isAbout(a, implant)).findFirst()
                    .orElseThrow(() -> new AssertionError("no alert for " + implant.image() + " -> " + implant.destination()));
            assertThat(alert.at("/host/name").asText()).isEqualTo(implant.host());
            assertThat(alert.at("/process/name").asText()).isEqualTo(implant.image());
            assertThat(alert.path("lineage").findValuesAsText("entity_id"))
                    .as("lineage of %s", implant.image())
                    .containsExactlyElementsOf(implant.lineage().stream().map(LineageEntry::entityId).toList());
            assertThat(alert.path("lineage").findValuesAsText("edge"))
                    .containsExactlyElementsOf(implant.lineage().stream().map(LineageEntry::edge).toList());
            assertThat(alert.at("/patient_zero/entity_id").asText()).isEqualTo(implant.patientZero().entityId());
            assertThat(alert.at("/beacon/callbacks").asInt()).isLessThanOrEqualTo(10);
        }
    }

    /** One implant of each kind: the story, a keep-alive, a DNS-only and a bare-IP injected one. */
    static List<ImplantSpec> implants() {
        return List.of(
                ImplantSpec.story(0),
                new ImplantSpec(1, 120, 30, 0.3, JitterKind.SYMMETRIC, 0.1, BeaconMode.KEEP_ALIVE,
                        Delivery.DIRECT, InjectionTarget.SPAWNED_NOTEPAD, "sync.cloud-drive.example", 443, 0),
                new ImplantSpec(2, 60, 45, 0.2, JitterKind.ASYMMETRIC, 0.0, BeaconMode.DNS_ONLY,
                        Delivery.INJECTED, InjectionTarget.EXISTING_SVCHOST, "t.dns-tunnel.example", 53, 0),
                new ImplantSpec(3, 200, 20, 0.1, JitterKind.ASYMMETRIC, 0.0, BeaconMode.NEW_CONNECTION,
                        Delivery.INJECTED, InjectionTarget.SPAWNED_NOTEPAD, null, 8443, 0));
    }

    @Test
    void aBenignFleetDoesNotAlert() throws Exception {
        assertThat(analyze(FleetSpec.benign(HOSTS, 12, 3 * 3600), "benign.jsonl.gz")).isEmpty();
    }

    private List<JsonNode> analyze(FleetSpec fleet, String name) throws Exception {
        Path input = dir.resolve(name);
        CorpusWriter.write(fleet, input);
        Path out = dir.resolve(name + ".out");
        AnalyzeCommand.analyze(List.of(input), out, ConfigLoader.defaults());
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("anomalies.jsonl"))) {
            assertThat(SchemaValidator.validate(SchemaId.ANOMALY, line)).isEmpty();
            alerts.add(JSON.readTree(line));
        }
        return alerts;
    }

    /**
     * Whether the alert names the implant's process and destination: the domain, else ip:port. A
     * DNS-only beacon looks up random names under its C2 zone, which the alert names by its
     * registrable domain.
     */
    private static boolean isAbout(JsonNode alert, ImplantTruth implant) {
        JsonNode destination = alert.path("destination");
        String named = destination.hasNonNull("domain") ? destination.path("domain").asText()
                : destination.path("ip").asText() + ":" + destination.path("port").asInt();
        boolean sameDestination = implant.mode() == BeaconMode.DNS_ONLY
                ? ("." + implant.destination() + ".").endsWith("." + named + ".") : named.equals(implant.destination());
        return alert.at("/process/entity_id").asText().equals(implant.entityId()) && sameDestination;
    }
}
