package io.etwcorr.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.etw.KernelNetwork;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

    @Test
    void theDemoStoryLeadsFromExplorerThroughTheMacroToTheInjectedVictimWithWinwordAsPatientZero() {
        FleetEvents events = FleetSimulator.events(FleetSpec.demo(3, 42).withDurationS(900));
        List<RawEvent> all = new ArrayList<>();
        events.forEachRemaining(all::add);
        GroundTruth truth = events.groundTruth();

        assertThat(truth.implants()).hasSize(1);
        ImplantTruth story = truth.implants().get(0);
        assertThat(story.lineage()).extracting(LineageEntry::name, LineageEntry::edge).containsExactly(
                tuple("explorer.exe", "root"), tuple("winword.exe", "parent"), tuple("powershell.exe", "parent"),
                tuple("rundll32.exe", "injected"));
        assertThat(story.patientZero()).isEqualTo(story.lineage().get(1));
        assertThat(story.destination()).isEqualTo("cdn.update-check.example");
        assertThat(story.entityId()).isEqualTo(story.lineage().get(3).entityId());

        // Every entity id is the host plus the ProcessSequenceNumber its events carry.
        for (LineageEntry entry : story.lineage()) {
            assertThat(all).anyMatch(e -> e.host().equals(story.host()) && e.provider().equals(EtwProvider.KERNEL_PROCESS.providerName())
                    && (e.id() == 1 || e.id() == 15) && entry.entityId().equals(e.host() + ":s" + e.propLong("ProcessSequenceNumber"))
                    && e.propLong("ProcessID") == entry.pid());
        }
        // The rotation shows: the victim connects to several addresses of one domain.
        assertThat(all.stream().filter(e -> e.provider().equals(EtwProvider.KERNEL_NETWORK.providerName()) && e.id() == KernelNetwork.TCP_CONNECT_V4
                && e.propLong("PID") == story.pid()).map(e -> e.propString("daddr")).distinct().count()).isGreaterThan(2);
    }

    @Test
    void aDirectImplantIsTheChildOfTheMacroAndAnInjectedSvchostIsReachedThroughItsInjector() {
        ImplantSpec direct = new ImplantSpec(0, 30, 20, 0.1, JitterKind.SYMMETRIC, 0, BeaconMode.KEEP_ALIVE, Delivery.DIRECT,
                InjectionTarget.SPAWNED_NOTEPAD, null, 8443, 0);
        ImplantSpec svchost = new ImplantSpec(0, 90, 20, 0.1, JitterKind.SYMMETRIC, 0, BeaconMode.DNS_ONLY, Delivery.INJECTED,
                InjectionTarget.EXISTING_SVCHOST, "t.tunnel.example", 53, 0);
        GroundTruth truth = FleetSimulator.groundTruth(FleetSpec.benign(2, 8, 600).withImplants(List.of(direct, svchost)));

        ImplantTruth first = truth.implants().get(0);
        assertThat(first.lineage()).extracting(LineageEntry::name, LineageEntry::edge).containsExactly(
                tuple("explorer.exe", "root"), tuple("winword.exe", "parent"), tuple("powershell.exe", "parent"),
                tuple("rundll32.exe", "parent"));
        assertThat(first.patientZero().name()).isEqualTo("winword.exe");
        assertThat(first.destination()).isEqualTo(first.addresses().get(0) + ":8443");

        ImplantTruth second = truth.implants().get(1);
        assertThat(second.lineage()).extracting(LineageEntry::name).containsExactly("explorer.exe", "winword.exe", "powershell.exe", "svchost.exe");
        assertThat(second.lineage().get(3).edge()).isEqualTo("injected");
        assertThat(second.patientZero().name()).isEqualTo("winword.exe");
        assertThat(second.destination()).isEqualTo("t.tunnel.example");
    }

    @Test
    void patientZeroFollowsTheBoundaryRule() {
        LineageEntry explorer = new LineageEntry(1, "h:s1", "explorer.exe", "root");
        LineageEntry tool = new LineageEntry(2, "h:s2", "tool.exe", "parent");
        LineageEntry orphan = new LineageEntry(3, "h:s3", "loader.exe", "root");
        LineageEntry child = new LineageEntry(4, "h:s4", "child.exe", "parent");
        assertThat(ExpectedLineage.patientZero(List.of(explorer, tool))).isEqualTo(tool);
        assertThat(ExpectedLineage.patientZero(List.of(orphan, child))).isEqualTo(orphan);
        assertThat(ExpectedLineage.patientZero(List.of(orphan))).isEqualTo(orphan);
    }

    @Test
    void everyHostLabelsItsPeriodicBenignPairsAndTheTruthSurvivesJson() {
        GroundTruth truth = FleetSimulator.groundTruth(FleetSpec.demo(5, 9).withDurationS(400));
        for (int host = 0; host < 5; host++) {
            String name = FleetSpec.hostName(host);
            assertThat(truth.benign()).filteredOn(b -> b.host().equals(name)).extracting(BenignTruth::category)
                    .contains(BenignCategory.FLEET_SERVICE, BenignCategory.NTP, BenignCategory.KEEPALIVE);
        }
        assertThat(truth.benign()).filteredOn(b -> b.category() == BenignCategory.FLEET_SERVICE)
                .extracting(BenignTruth::destination).containsOnly(BenignActivities.ONEDRIVE_DOMAIN, BenignActivities.EDGE_UPDATE_DOMAIN,
                        BenignActivities.WINDOWS_UPDATE_DOMAIN, BenignActivities.TELEMETRY_DOMAIN);
        assertThat(truth.toJson()).contains("\"category\" : \"fleet_service\"", "\"label\" : \"benign\"", "\"edge\" : \"injected\"");
        assertThat(GroundTruth.fromJson(truth.toJson())).isEqualTo(truth);
    }
}
