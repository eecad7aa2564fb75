package io.etwcorr.cli.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.etwcorr.simulator.BeaconMode;
import io.etwcorr.simulator.BenignCategory;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.BenignTruth;
import io.etwcorr.simulator.CorpusCase;
import io.etwcorr.simulator.CorpusCases.CaseFleet;
import io.etwcorr.simulator.Delivery;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantInstance;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.JitterKind;
import io.etwcorr.simulator.LineageEntry;
import io.etwcorr.simulator.Tradecraft;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scoring the hard cases: task instances, C2 named by address, episodes, benign pairs and the prevalence rows. */
class CaseEvaluationTest {
    private static final List<LineageEntry> TASK = List.of(
            new LineageEntry(600, "H:s2", "services.exe", LineageEntry.ROOT),
            new LineageEntry(900, "H:s3", "svchost.exe", LineageEntry.PARENT));
    private static final ImplantInstance FIRST = instance(10, 11);
    private static final ImplantInstance SECOND = instance(20, 21);
    private static final ImplantTruth TASK_IMPLANT = new ImplantTruth(0, "H", SECOND.entityId(), SECOND.pid(), "curl.exe",
            "C:\\Windows\\System32\\curl.exe", "c2.task.example", List.of("203.0.113.7"), 443, BeaconMode.NEW_CONNECTION,
            Delivery.DIRECT, 300, 0, JitterKind.ASYMMETRIC, 0, SECOND.lineage(), SECOND.patientZero(), 0, List.of(100L, 400L, 700L),
            Tradecraft.SCHEDULED_TASK, List.of(FIRST, SECOND));
    private static final BenignTruth AGENT = new BenignTruth(BenignTruth.LABEL, "S", "S:s40", 40, "zabbix_agentd.exe",
            "zabbix.corp.example", BenignCategory.MONITORING);
    private static final GroundTruth TRUTH = new GroundTruth(1, 2, 0, 3600, List.of(TASK_IMPLANT), List.of(AGENT));
    private static final CaseFleet FLEET = new CaseFleet("test", new FleetSpec(1, 2, 0, 3600, 0, List.of(), BenignMix.none()), List.of(
            new CorpusCase("task", "a task", List.of(0), null, null, true),
            new CorpusCase("monitoring", "an agent", List.of(), BenignCategory.MONITORING, null, null)));

    @Test
    void aTaskIsFoundThroughTheInstanceItsAlertNamesAndEachRecordOfItsEpisodeCounts() {
        Alert first = alert(FIRST, "c2.task.example", 400, "episode-1");
        Alert update = alert(SECOND, "c2.task.example", 700, "episode-1");
        CaseEvaluation.FleetOutcome outcome = score(List.of(update, first));

        CaseEvaluation.ImplantRow row = outcome.implants().get(0);
        assertThat(row.detected()).isTrue();
        assertThat(row.rightProcess()).isTrue();
        assertThat(row.rightLineage()).isTrue();
        assertThat(row.rightPatientZero()).isTrue();
        assertThat(row.callbacks()).as("ground-truth callbacks up to the first record").isEqualTo(2);
        assertThat(row.hours()).isEqualTo(300 / 3.6e9);
        assertThat(row.records()).isEqualTo(2);
        assertThat(row.eventIds()).isEqualTo(1);
        assertThat(row.triples()).isEqualTo(2);
        assertThat(outcome.falsePositives()).isEmpty();
    }

    @Test
    void anAlertNamingTheC2ByAddressOnAnotherProcessIsDetectedButTheWrongProcess() {
        Alert byAddress = new Alert("H", "H:s99", "rundll32.exe", "203.0.113.7:443", 400, 8, "H:s99", List.of("H:s99"),
                List.of(LineageEntry.ROOT), "episode-2");
        CaseEvaluation.ImplantRow row = score(List.of(byAddress)).implants().get(0);
        assertThat(row.detected()).isTrue();
        assertThat(row.rightProcess()).isFalse();
        assertThat(row.rightLineage()).isFalse();
    }

    @Test
    void aWrongInjectionEdgeIsAWrongLineage() {
        Alert alert = new Alert("H", FIRST.entityId(), "curl.exe", "c2.task.example", 400, 8, FIRST.patientZero().entityId(),
                FIRST.lineage().stream().map(LineageEntry::entityId).toList(),
                List.of(LineageEntry.ROOT, LineageEntry.PARENT, LineageEntry.PARENT, LineageEntry.INJECTED), "episode-3");
        assertThat(score(List.of(alert)).implants().get(0).rightLineage()).isFalse();
    }

    @Test
    void theAmbiguousAgentsAlertsCountOnItsCaseAndAsFalsePositivesAndPrevalenceCountsItsHosts() {
        Alert agent = new Alert("S", "S:s40", "zabbix_agentd.exe", "zabbix.corp.example", 400, 8, "S:s40", List.of("S:s40"),
                List.of(LineageEntry.ROOT), "episode-4");
        List<ObservedConnection> connections = List.of(
                new ObservedConnection("S:s40", "zabbix_agentd.exe", "zabbix.corp.example", "10.200.1.1", 10051, 100),
                new ObservedConnection(FIRST.entityId(), "curl.exe", "c2.task.example", "203.0.113.7", 443, 100));
        CaseEvaluation.FleetOutcome outcome = CaseEvaluation.score(FLEET, TRUTH, new AnalyzeOutputs(List.of(agent), connections, List.of()),
                1000, 1.0);

        assertThat(outcome.benign().get(0).alertedPairs()).isEqualTo(1);
        assertThat(outcome.benign().get(0).records()).isEqualTo(1);
        assertThat(outcome.falsePositives()).extracting(FalsePositive::category).containsExactly("monitoring");
        assertThat(outcome.prevalence()).extracting(CaseEvaluation.Prevalence::destination, CaseEvaluation.Prevalence::hosts,
                CaseEvaluation.Prevalence::fleetHosts, CaseEvaluation.Prevalence::alerted)
                .containsExactly(tuple("c2.task.example", 1, 2, false),
                        tuple("zabbix.corp.example", 1, 2, true));
    }

    private static CaseEvaluation.FleetOutcome score(List<Alert> alerts) {
        return CaseEvaluation.score(FLEET, TRUTH, new AnalyzeOutputs(alerts, List.of(), List.of()), 1000, 1.0);
    }

    private static ImplantInstance instance(long cmd, long curl) {
        List<LineageEntry> lineage = new ArrayList<>(TASK);
        lineage.add(new LineageEntry((int) cmd * 4, "H:s" + cmd, "cmd.exe", LineageEntry.PARENT));
        lineage.add(new LineageEntry((int) curl * 4, "H:s" + curl, "curl.exe", LineageEntry.PARENT));
        return new ImplantInstance("H:s" + curl, (int) curl * 4, lineage, lineage.get(2));
    }

    private static Alert alert(ImplantInstance instance, String destination, long lastSeen, String eventId) {
        return new Alert("H", instance.entityId(), "curl.exe", destination, lastSeen, 8, instance.patientZero().entityId(),
                instance.lineage().stream().map(LineageEntry::entityId).toList(),
                instance.lineage().stream().map(LineageEntry::edge).toList(), eventId);
    }
}
