package io.etwcorr.cli.reliability;

import io.etwcorr.cli.CoalescingCollectors;
import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.simulator.FleetEvents;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The first records a simulated fleet's collectors send with the shipped defaults (coalesced
 * transfers on), so a fixed number of records spans as much of the fleet's time as a deployment's.
 */
final class CollectorSentRecords {
    private CollectorSentRecords() {
    }

    static List<RawEvent> first(FleetSpec fleet, int records) {
        List<RawEvent> sent = new ArrayList<>(records);
        CoalescingCollectors collectors = new CoalescingCollectors(new CollectorConfig().coalesce.settings(), sent::add);
        FleetEvents events = FleetSimulator.events(fleet);
        while (sent.size() < records && events.hasNext()) {
            collectors.accept(events.next());
        }
        if (sent.size() < records) {
            collectors.finish();
        }
        if (sent.size() < records) {
            throw new IllegalStateException("the fleet's collectors sent " + sent.size() + " of " + records + " records");
        }
        return List.copyOf(sent.subList(0, records));
    }
}
