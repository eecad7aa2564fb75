package io.etwcorr.cli;

import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.simulator.FleetEvents;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Plays a simulated fleet into Kafka on its own thread, paced so that simulated time runs
 * {@code speed} times faster than wall time (0: as fast as Kafka takes it). With coalescing on, it sends
 * what the hosts' collectors would: coalesced transfers instead of every send and receive.
 */
final class FleetFeeder implements Runnable {
    private final FleetSpec spec;
    private final double speed;
    private final KafkaRawProducer producer;
    private final CoalesceSettings coalesce;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong simulatedMicros = new AtomicLong();
    private volatile boolean stopped;

    FleetFeeder(FleetSpec spec, double speed, KafkaRawProducer producer, CoalesceSettings coalesce) {
        this.spec = spec;
        this.speed = speed;
        this.producer = producer;
        this.coalesce = coalesce;
    }

    @Override
    public void run() {
        FleetEvents events = FleetSimulator.events(spec);
        Consumer<RawEvent> send = record -> {
            producer.send(record);
            produced.incrementAndGet();
        };
        CoalescingCollectors collectors = coalesce.enabled() ? new CoalescingCollectors(coalesce, send) : null;
        long wallStart = System.nanoTime();
        while (!stopped && events.hasNext()) {
            RawEvent event = events.next();
            long simulated = event.ts() - spec.startMicros();
            if (speed > 0) {
                long dueNanos = (long) (simulated * 1000 / speed);
                long aheadNanos = dueNanos - (System.nanoTime() - wallStart);
                if (aheadNanos > TimeUnit.MILLISECONDS.toNanos(5)) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(aheadNanos);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            if (collectors != null) {
                collectors.accept(event);
            } else {
                send.accept(event);
            }
            simulatedMicros.set(simulated);
        }
        if (collectors != null) {
            collectors.finish();
        }
        producer.flush();
    }

    void stop() {
        stopped = true;
    }

    long produced() {
        return produced.get();
    }

    /** How much simulated time has been played, µs. */
    long simulatedMicros() {
        return simulatedMicros.get();
    }
}
