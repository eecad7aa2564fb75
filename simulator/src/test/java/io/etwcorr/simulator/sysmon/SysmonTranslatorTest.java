package io.etwcorr.simulator.sysmon;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.Delivery;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.simulator.ImplantTruth;
import io.etwcorr.simulator.LineageEntry;
import io.etwcorr.simulator.sysmon.SysmonTranslator.SysmonEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SysmonTranslatorTest {

    private static List<SysmonEvent> translate(FleetSpec spec, List<GroundTruth> truth) {
        SysmonTranslator translator = new SysmonTranslator();
        List<SysmonEvent> events = new ArrayList<>();
        truth.add(FleetSimulator.generate(spec, raw -> translator.translate(raw).ifPresent(events::add)));
        return events;
    }

    @Test
    void aFleetBecomesTheSysmonEventsTheJobUsesNumberedWithoutGapsPerHost() {
        FleetSpec spec = new FleetSpec(7, 3, FleetSpec.DEFAULT_START_MICROS, 900, 1.0, List.of(ImplantSpec.story(0)),
                BenignMix.defaults());
        List<SysmonEvent> events = translate(spec, new ArrayList<>());

        assertThat(events).extracting(SysmonEvent::eventId).containsOnly(1, 3, 5, 8, 22);
        Map<String, Long> lastRecordId = new HashMap<>();
        for (SysmonEvent event : events) {
            long previous = lastRecordId.getOrDefault(event.host(), 0L);
            assertThat(event.recordId()).as("record id on %s", event.host()).isEqualTo(previous + 1);
            lastRecordId.put(event.host(), event.recordId());
        }
        assertThat(lastRecordId.keySet()).hasSize(3);
    }

    @Test
    void anInjectionIsACreateRemoteThreadFromTheInjectorIntoTheBeaconingProcess() {
        List<GroundTruth> truth = new ArrayList<>();
        FleetSpec spec = new FleetSpec(7, 2, FleetSpec.DEFAULT_START_MICROS, 900, 1.0, List.of(ImplantSpec.story(0)),
                BenignMix.defaults());
        List<SysmonEvent> events = translate(spec, truth);
        ImplantTruth implant = truth.get(0).implants().get(0);
        assertThat(implant.delivery()).isEqualTo(Delivery.INJECTED);
        LineageEntry injector = implant.lineage().get(implant.lineage().size() - 2);

        // The one injection only: a parent starting its new child's first thread is no remote thread.
        List<SysmonEvent> remoteThreads = events.stream().filter(e -> e.eventId() == 8).toList();
        assertThat(remoteThreads).singleElement().satisfies(thread -> {
            assertThat(thread.host()).isEqualTo(implant.host());
            assertThat(thread.data().get("SourceProcessId")).isEqualTo(Integer.toString(injector.pid()));
            assertThat(thread.data().get("TargetProcessId")).isEqualTo(Integer.toString(implant.pid()));
        });
    }

    @Test
    void everyProcessEventNamesAGuidAndEveryConnectionItsEndpoints() {
        FleetSpec spec = new FleetSpec(3, 2, FleetSpec.DEFAULT_START_MICROS, 600, 1.0, List.of(), BenignMix.defaults());
        List<SysmonEvent> events = translate(spec, new ArrayList<>());

        assertThat(events).filteredOn(e -> e.eventId() == 1).isNotEmpty().allSatisfy(e -> {
            assertThat(e.data().get("ProcessGuid")).matches("\\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}");
            assertThat(e.data().get("Image")).isNotBlank();
        });
        assertThat(events).filteredOn(e -> e.eventId() == 3).isNotEmpty().allSatisfy(e -> {
            assertThat(e.data().keySet()).containsAll(Set.of("Protocol", "Initiated", "SourceIp", "SourcePort",
                    "DestinationIp", "DestinationPort"));
            assertThat(e.data()).doesNotContainKeys("bytes", "size");
        });
    }
}
