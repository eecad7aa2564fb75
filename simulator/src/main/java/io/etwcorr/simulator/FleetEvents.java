package io.etwcorr.simulator;

import io.etwcorr.schemas.raw.RawEvent;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The events of a whole fleet in global event-time order (ties: lower host index first): a merge
 * of the hosts' own ordered streams that holds one upcoming event per host. The ground truth is
 * complete once the iterator is exhausted.
 */
public final class FleetEvents implements Iterator<RawEvent> {
    private final GroundTruthRecorder truth;
    private final PriorityQueue<Upcoming> upcoming = new PriorityQueue<>(
            Comparator.comparingLong((Upcoming u) -> u.event.ts()).thenComparingInt(u -> u.host.index));

    private record Upcoming(HostSimulator host, RawEvent event) {
    }

    FleetEvents(FleetSpec spec) {
        this.truth = new GroundTruthRecorder(spec);
        for (int i = 0; i < spec.hosts(); i++) {
            advance(new HostSimulator(spec, i, truth));
        }
    }

    @Override
    public boolean hasNext() {
        return !upcoming.isEmpty();
    }

    @Override
    public RawEvent next() {
        Upcoming head = upcoming.poll();
        if (head == null) {
            throw new NoSuchElementException("the fleet's time is over");
        }
        advance(head.host);
        return head.event;
    }

    /** The labels of the corpus; throws until every event has been taken. */
    public GroundTruth groundTruth() {
        if (hasNext()) {
            throw new IllegalStateException("the ground truth is complete only after the last event");
        }
        return truth.build();
    }

    private void advance(HostSimulator host) {
        RawEvent event = host.next();
        if (event != null) {
            upcoming.add(new Upcoming(host, event));
        }
    }
}
