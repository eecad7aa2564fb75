package io.etwcorr.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Collects the labels while the hosts generate; complete once every host is exhausted. */
final class GroundTruthRecorder {
    private final FleetSpec spec;
    private final Map<Integer, Supplier<ImplantTruth>> implants = new TreeMap<>();
    private final List<BenignTruth> benign = new ArrayList<>();

    GroundTruthRecorder(FleetSpec spec) {
        this.spec = spec;
    }

    void benign(HostSimulator host, SimProcess process, String destination, BenignCategory category) {
        benign.add(new BenignTruth(BenignTruth.LABEL, host.name, process.entityId(host.name), process.pid(), process.name(),
                destination, category));
    }

    /** Registers implant {@code index}, whose truth is read when the corpus is complete. */
    void implant(int index, Supplier<ImplantTruth> truth) {
        implants.put(index, truth);
    }

    GroundTruth build() {
        return new GroundTruth(spec.seed(), spec.hosts(), spec.startMicros(), spec.durationS(),
                implants.values().stream().map(Supplier::get).toList(), benign);
    }
}
