package io.etwcorr.simulator;

import io.etwcorr.schemas.raw.RawEvent;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The project's seeded fleet generator: raw events (docs/contract/raw-events.md) of benign hosts and
 * planted implants, with their ground truth. Pure: no I/O, no wall clock; the same spec always
 * gives the same events. Streams: memory does not grow with the number of events.
 */
public final class FleetSimulator {
    private FleetSimulator() {
    }

    /** The fleet's events in global event-time order; its {@link FleetEvents#groundTruth()} once exhausted. */
    public static FleetEvents events(FleetSpec spec) {
        return new FleetEvents(spec);
    }

    /** {@link #events} as a sequential stream (the ground truth is then not available). */
    public static Stream<RawEvent> stream(FleetSpec spec) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events(spec), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Hands every event to {@code sink} in order and returns the ground truth. */
    public static GroundTruth generate(FleetSpec spec, Consumer<RawEvent> sink) {
        FleetEvents events = events(spec);
        events.forEachRemaining(sink);
        return events.groundTruth();
    }

    /** The ground truth alone (generates and discards the events). */
    public static GroundTruth groundTruth(FleetSpec spec) {
        return generate(spec, event -> { });
    }
}
