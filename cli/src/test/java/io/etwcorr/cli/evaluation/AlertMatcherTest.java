package io.etwcorr.cli.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.simulator.BeaconMode;
import io.etwcorr.simulator.BenignCategory;
import io.etwcorr.simulator.BenignTruth;
import io.etwcorr.simulator.Delivery;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.JitterKind;
import io.etwcorr.simulator.LineageEntry;
import io.etwcorr.simulator.Tradecraft;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMatcherTest {
    private static final List<LineageEntry> CHAIN = List.of(
            new LineageEntry(3000, "H:s1", "explorer.exe", LineageEntry.ROOT),
            new LineageEntry(4400, "H:s2", "winword.exe", LineageEntry.PARENT),
            new LineageEntry(7312, "H:s3", "rundll32.exe", LineageEntry.PARENT));
    private static final ImplantTruth HTTP_IMPLANT = implant(0, "H:s3", "cdn.evil.example", BeaconMode.NEW_CONNECTION);
    private static final ImplantTruth DNS_IMPLANT = implant(1, "H:s9", "x.tunnel.example", BeaconMode.DNS_ONLY);
    private static final GroundTruth TRUTH = new GroundTruth(1, 1, 0, 3600, List.of(HTTP_IMPLANT, DNS_IMPLANT),
            List.of(new BenignTruth(BenignTruth.LABEL, "H", "H:s5", 55, "OneDrive.exe", "update.example", BenignCategory.FLEET_SERVICE)));

    @Test
    void theEarliestAlertOnTheImplantsProcessAndDestinationCountsWithTheCallbacksUpToIt() {
        Alert late = alert("H:s3", "cdn.evil.example", 900, "H:s2", List.of("H:s1", "H:s2", "H:s3"));
        Alert early = alert("H:s3", "cdn.evil.example", 350, "H:s2", List.of("H:s1", "H:s2", "H:s3"));
        ImplantDetection found = AlertMatcher.match(TRUTH, List.of(late, early)).implants().get(0);
        assertThat(found).isEqualTo(new ImplantDetection(true, 5, true, true));
    }

    @Test
    void aWrongPatientZeroOrLineageIsReported() {
        Alert alert = alert("H:s3", "cdn.evil.example", 350, "H:s3", List.of("H:s2", "H:s3"));
        assertThat(AlertMatcher.match(TRUTH, List.of(alert)).implants().get(0)).isEqualTo(new ImplantDetection(true, 5, false, false));
    }

    @Test
    void aDnsOnlyAlertNamingTheRegistrableDomainMatches() {
        Alert alert = alert("H:s9", "tunnel.example", 500, "H:s9", List.of("H:s9"));
        AlertMatcher.Matching matching = AlertMatcher.match(TRUTH, List.of(alert));
        assertThat(matching.implants().get(1).detected()).isTrue();
        assertThat(matching.falsePositives()).isEmpty();
    }

    @Test
    void anAlertOnAnotherProcessOrDestinationIsAFalsePositive() {
        Alert injector = alert("H:s2", "cdn.evil.example", 500, "H:s2", List.of());
        Alert otherDestination = alert("H:s3", "evil.example.net", 500, "H:s2", List.of());
        Alert fleetService = alert("H:s5", "update.example", 500, "H:s5", List.of());
        AlertMatcher.Matching matching = AlertMatcher.match(TRUTH, List.of(injector, otherDestination, fleetService));
        assertThat(matching.implants().get(0)).isEqualTo(ImplantDetection.MISSED);
        assertThat(matching.falsePositives()).containsExactly(injector, otherDestination, fleetService);
    }

    @Test
    void benignPairsAreTheLabelledOnesAndEveryNonImplantConnection() {
        List<ObservedConnection> connections = List.of(
                new ObservedConnection("H:s3", "rundll32.exe", "cdn.evil.example", "203.0.113.7", 443, 100),
                new ObservedConnection("H:s3", "rundll32.exe", "cdn.evil.example", "203.0.113.8", 443, 200),
                new ObservedConnection("H:s7", "chrome.exe", "www.example.org", "198.51.100.1", 443, 100),
                new ObservedConnection("H:s5", "OneDrive.exe", "update.example", "198.51.100.2", 443, 100));
        BenignPairs benign = BenignPairs.of(TRUTH, connections);
        assertThat(benign.count()).isEqualTo(2);
        assertThat(benign.category(new Pair("H:s5", "update.example"))).isEqualTo("fleet_service");
        assertThat(benign.category(new Pair("H:s7", "www.example.org"))).isEqualTo(BenignPairs.UNLABELLED);
        assertThat(benign.isFleetServiceDestination(new Pair("H:s8", "update.example"))).isTrue();
    }

    private static ImplantTruth implant(int index, String entityId, String destination, BeaconMode mode) {
        return new ImplantTruth(index, "H", entityId, 7312, "rundll32.exe", "C:\\Windows\\System32\\rundll32.exe", destination,
                List.of("203.0.113.7"), 443, mode, Delivery.DIRECT, 60, 0.2, JitterKind.ASYMMETRIC, 0, CHAIN, CHAIN.get(1), 0,
                List.of(100L, 160L, 220L, 280L, 340L, 400L), Tradecraft.STANDARD, List.of());
    }

    private static Alert alert(String entityId, String destination, long lastSeen, String patientZero, List<String> lineage) {
        return new Alert("H", entityId, "rundll32.exe", destination, lastSeen, 8, patientZero, lineage,
                lineage.stream().map(id -> "parent").toList(), "episode-" + entityId);
    }
}
