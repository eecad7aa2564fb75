package io.etwcorr.cli.evaluation;

import io.etwcorr.cli.AnalyzeCommand;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.simulator.BenignTruth;
import io.etwcorr.simulator.CorpusCase;
import io.etwcorr.simulator.CorpusCases.CaseFleet;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantInstance;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.LineageEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The hard cases of {@link io.etwcorr.simulator.CorpusCases} through the real job graph
 * ({@code analyze}, default configuration): per case what was found, and per destination how many
 * hosts called it, for the prevalence rules.
 */
public final class CaseEvaluation {
    private CaseEvaluation() {
    }

    /**
     * One implant of a case.
     *
     * @param detected         an alert on the implant's host names its C2 (domain, or one of its addresses)
     * @param rightProcess     the first such alert names the implant's process (for a task or loop: one of its instances)
     * @param rightLineage     ... and that process's lineage, entities and edges (parent, injected) in order
     * @param rightPatientZero ... and its patient zero
     * @param callbacks        ground-truth callbacks up to the first alert's last callback; -1 when not detected
     * @param hours            hours from the first callback to the first alert's last callback; NaN when not detected
     * @param records          alert records naming the C2 on the implant's host
     * @param eventIds         distinct {@code event.id}s among them (episodes)
     * @param triples          distinct (host, process, destination) triples among them
     */
    public record ImplantRow(CorpusCase kase, ImplantTruth implant, boolean detected, boolean rightProcess, boolean rightLineage,
            boolean rightPatientZero, int callbacks, double hours, int records, int eventIds, int triples, RitaBeaconScore rita) {
    }

    /** A benign case: its labelled pairs, how many of them alerted, with how many records. */
    public record BenignRow(CorpusCase kase, int pairs, int alertedPairs, int records, List<String> alertedProcesses) {
    }

    /** A destination of a case and the hosts that connected to it, out of the hosts seen connecting at all. */
    public record Prevalence(String caseName, String destination, boolean implant, int hosts, int fleetHosts, boolean alerted) {
    }

    /** A fleet's outcome. */
    public record FleetOutcome(String name, int hosts, long events, double simulatedHours, List<ImplantRow> implants,
            List<BenignRow> benign, List<FalsePositive> falsePositives, int falsePositiveRecords, List<Prevalence> prevalence,
            int alertRecords, double seconds) {
    }

    /** Generates the fleet into {@code work}, analyzes it with the default configuration and scores every case. */
    public static FleetOutcome run(CaseFleet caseFleet, Path work) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(work);
        Path events = work.resolve(caseFleet.name() + ".jsonl.gz");
        GroundTruth truth = CorpusWriter.write(caseFleet.fleet(), events);
        Path out = work.resolve(caseFleet.name() + ".out");
        AnalyzeCommand.Summary summary = AnalyzeCommand.analyze(List.of(events), out, ConfigLoader.defaults());
        AnalyzeOutputs outputs = AnalyzeOutputs.read(out);
        return score(caseFleet, truth, outputs, summary.recordsIn(), (System.nanoTime() - started) / 1e9);
    }

    static FleetOutcome score(CaseFleet caseFleet, GroundTruth truth, AnalyzeOutputs outputs, long events, double seconds) {
        Map<Pair, RitaBeaconScore> rita = ritaPerImplant(truth, outputs);
        List<ImplantRow> implantRows = new ArrayList<>();
        List<BenignRow> benignRows = new ArrayList<>();
        for (CorpusCase kase : caseFleet.cases()) {
            for (int index : kase.implants()) {
                ImplantTruth implant = truth.implants().get(index);
                implantRows.add(implantRow(kase, implant, outputs.alerts(),
                        rita.getOrDefault(new Pair(implant.entityId(), implant.destination()), RitaBeaconScore.NOT_SCORED)));
            }
            if (kase.benign() != null) {
                benignRows.add(benignRow(kase, truth, outputs.alerts()));
            }
        }
        BenignPairs benign = BenignPairs.of(truth, outputs.connections());
        List<Alert> unmatched = outputs.alerts().stream()
                .filter(alert -> truth.implants().stream().noneMatch(implant -> namesC2(alert, implant))).toList();
        Map<Pair, Alert> alertedPairs = new LinkedHashMap<>();
        unmatched.forEach(alert -> alertedPairs.putIfAbsent(alert.pair(), alert));
        List<FalsePositive> falsePositives = alertedPairs.values().stream()
                .map(alert -> new FalsePositive(alert.pair(), alert.processName(), benign.category(alert.pair()),
                        benign.isFleetServiceDestination(alert.pair()))).toList();
        return new FleetOutcome(caseFleet.name(), truth.hosts(), events, truth.durationS() / 3600.0, implantRows, benignRows,
                falsePositives, unmatched.size(), prevalence(caseFleet, truth, outputs), outputs.alerts().size(), seconds);
    }

    /** Whether the alert is on the implant's host and names its C2: the domain (or a parent of it), or one of its addresses. */
    static boolean namesC2(Alert alert, ImplantTruth implant) {
        if (!alert.host().equals(implant.host())) {
            return false;
        }
        String destination = alert.destination();
        if (Pair.sameDestination(implant.destination(), destination)) {
            return true;
        }
        int port = destination.lastIndexOf(':');
        return port > 0 && implant.addresses().contains(destination.substring(0, port));
    }

    private static ImplantRow implantRow(CorpusCase kase, ImplantTruth implant, List<Alert> alerts, RitaBeaconScore rita) {
        List<Alert> records = alerts.stream().filter(alert -> namesC2(alert, implant)).toList();
        int eventIds = (int) records.stream().map(Alert::eventId).distinct().count();
        int triples = (int) records.stream().map(Alert::triple).distinct().count();
        Alert first = records.stream().min(Comparator.comparingLong(Alert::lastSeenMicros)).orElse(null);
        if (first == null) {
            return new ImplantRow(kase, implant, false, false, false, false, -1, Double.NaN, 0, 0, 0, rita);
        }
        int callbacks = (int) implant.callbackMicros().stream().filter(micros -> micros <= first.lastSeenMicros()).count();
        double hours = (first.lastSeenMicros() - implant.callbackMicros().get(0)) / 3.6e9;
        ImplantInstance named = implant.process(first.entityId()).orElse(null);
        boolean rightLineage = named != null
                && named.lineage().stream().map(LineageEntry::entityId).toList().equals(first.lineageEntityIds())
                && named.lineage().stream().map(LineageEntry::edge).toList().equals(first.lineageEdges());
        boolean rightPatientZero = named != null && named.patientZero().entityId().equals(first.patientZeroEntityId());
        return new ImplantRow(kase, implant, true, named != null, rightLineage, rightPatientZero, callbacks, hours, records.size(),
                eventIds, triples, rita);
    }

    private static BenignRow benignRow(CorpusCase kase, GroundTruth truth, List<Alert> alerts) {
        List<BenignTruth> pairs = labelled(kase, truth);
        int alertedPairs = 0;
        int records = 0;
        Set<String> processes = new TreeSet<>();
        for (BenignTruth pair : pairs) {
            List<Alert> onPair = alerts.stream().filter(alert -> alert.entityId().equals(pair.entityId())
                    && Pair.sameDestination(pair.destination(), alert.destination())).toList();
            if (!onPair.isEmpty()) {
                alertedPairs++;
                records += onPair.size();
                processes.add(pair.image() + " → " + pair.destination());
            }
        }
        return new BenignRow(kase, pairs.size(), alertedPairs, records, List.copyOf(processes));
    }

    private static List<BenignTruth> labelled(CorpusCase kase, GroundTruth truth) {
        Predicate<BenignTruth> ofCase = benign -> benign.category() == kase.benign()
                && (kase.destination() == null || benign.destination().equals(kase.destination()));
        return truth.benign().stream().filter(ofCase).toList();
    }

    /**
     * RITA's beacon score per implant, the connections of a task's or loop's instances counted as
     * one source (RITA keys by host; per process it would see one connection per instance).
     */
    private static Map<Pair, RitaBeaconScore> ritaPerImplant(GroundTruth truth, AnalyzeOutputs outputs) {
        Map<String, String> asImplant = new HashMap<>();
        for (ImplantTruth implant : truth.implants()) {
            implant.instances().forEach(instance -> asImplant.put(instance.entityId(), implant.entityId()));
        }
        List<ObservedConnection> connections = outputs.connections().stream()
                .map(c -> new ObservedConnection(asImplant.getOrDefault(c.entityId(), c.entityId()), c.processName(), c.destination(), c.ip(),
                        c.port(), c.micros())).toList();
        List<AnalyzeOutputs.Flow> flows = outputs.flows().stream()
                .map(f -> new AnalyzeOutputs.Flow(asImplant.getOrDefault(f.entityId(), f.entityId()), f.ip(), f.port(), f.startMicros(),
                        f.endMicros(), f.bytesSent())).toList();
        long fromS = truth.startMicros() / 1_000_000L;
        return RitaBaseline.score(new AnalyzeOutputs(outputs.alerts(), connections, flows), fromS, fromS + truth.durationS());
    }

    /** Per destination of a case: the hosts that connected to it, of all hosts that connected anywhere. */
    private static List<Prevalence> prevalence(CaseFleet caseFleet, GroundTruth truth, AnalyzeOutputs outputs) {
        Map<String, Set<String>> hostsByDestination = new HashMap<>();
        Set<String> fleet = new TreeSet<>();
        for (ObservedConnection connection : outputs.connections()) {
            String host = connection.entityId().substring(0, connection.entityId().indexOf(':'));
            fleet.add(host);
            hostsByDestination.computeIfAbsent(connection.destination(), d -> new TreeSet<>()).add(host);
        }
        List<Prevalence> rows = new ArrayList<>();
        for (CorpusCase kase : caseFleet.cases()) {
            Set<String> destinations = new TreeSet<>();
            kase.implants().forEach(index -> destinations.add(truth.implants().get(index).destination()));
            labelled(kase, truth).forEach(benign -> destinations.add(benign.destination()));
            for (String destination : destinations) {
                rows.add(prevalence(kase.name(), destination, kase.isImplant(), hostsByDestination, fleet.size(), outputs.alerts()));
            }
        }
        // The other periodic services the ground truth labels: what prevalence (or the allowlist) must keep quiet.
        Set<String> covered = rows.stream().map(Prevalence::destination).collect(Collectors.toSet());
        Map<String, String> others = new TreeMap<>();
        truth.benign().stream().filter(benign -> !covered.contains(benign.destination()))
                .forEach(benign -> others.putIfAbsent(benign.destination(), BenignPairs.categoryName(benign.category())));
        others.forEach((destination, category) -> rows.add(prevalence(category + " (labelled)", destination, false, hostsByDestination,
                fleet.size(), outputs.alerts())));
        return rows;
    }

    private static Prevalence prevalence(String name, String destination, boolean implant, Map<String, Set<String>> hostsByDestination,
            int fleetHosts, List<Alert> alerts) {
        boolean alerted = alerts.stream().anyMatch(alert -> Pair.sameDestination(destination, alert.destination()));
        return new Prevalence(name, destination, implant, hostsByDestination.getOrDefault(destination, Set.of()).size(), fleetHosts, alerted);
    }
}
