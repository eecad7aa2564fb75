package io.etwcorr.cli.bench;

import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.simulator.FleetEvents;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Sends a simulated fleet's events through the collector's producer at a fixed rate. */
final class PacedFeed {
    private PacedFeed() {}

    /**
     * Sends events paced at {@code eventsPerS} from {@code started} until {@code end} (both
     * {@link System#nanoTime()}) or the fleet's end; {@code sent} sees each event just before it goes.
     *
     * @return how many were sent
     */
    static long send(FleetEvents events, KafkaRawProducer producer, double eventsPerS, long started, long end,
            Consumer<RawEvent> sent) throws InterruptedException {
        long count = 0;
        while (events.hasNext()) {
            if ((count & 255) == 0) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                long due = started + (long) (count * 1e9 / eventsPerS);
                if (due - now > TimeUnit.MILLISECONDS.toNanos(1)) {
                    TimeUnit.NANOSECONDS.sleep(due - now);
                }
            }
            RawEvent event = events.next();
            sent.accept(event);
            producer.send(event);
            count++;
        }
        return count;
    }
}
