package io.etwcorr.cli;

import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.collector.coalesce.TransferCoalescer;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.simulator.CorpusWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a simulated fleet's collectors send with coalescing on: each host's events through its own
 * {@link TransferCoalescer}, numbered again 0, 1, 2, … per host as the collector numbers the records
 * it emits. The fleet's events come in global time order, which stands in for the collectors' wall
 * clock: every 50 ms of it, each host's idle windows close, as the live collector's tick closes them.
 */
public final class CoalescingCollectors implements CorpusWriter.Stage {
    private static final long TICK_MICROS = 50_000;

    private final CoalesceSettings settings;
    private final Consumer<RawEvent> downstream;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private long lastTick = Long.MIN_VALUE;
    private long eventsIn;
    private long recordsOut;

    public CoalescingCollectors(CoalesceSettings settings, Consumer<RawEvent> downstream) {
        this.settings = settings;
        this.downstream = downstream;
    }

    @Override
    public void accept(RawEvent event) {
        eventsIn++;
        if (lastTick == Long.MIN_VALUE || event.ts() - lastTick >= TICK_MICROS) {
            lastTick = event.ts();
            for (Host host : hosts.values()) {
                host.coalescer.tick(event.ts());
            }
        }
        hosts.computeIfAbsent(event.host(), name -> new Host()).coalescer.accept(event);
    }

    /** Closes every host's open windows (the collectors shut down). */
    @Override
    public void finish() {
        hosts.values().forEach(host -> host.coalescer.flush());
    }

    /** Events the fleet generated. */
    public long eventsIn() {
        return eventsIn;
    }

    /** Records the collectors sent. */
    public long recordsOut() {
        return recordsOut;
    }

    private final class Host {
        private final TransferCoalescer coalescer = new TransferCoalescer(settings, this::send);
        private long nextSeq;

        private void send(RawEvent record) {
            recordsOut++;
            downstream.accept(new RawEvent(record.v(), record.host(), record.run(), nextSeq++, record.ts(),
                    record.provider(), record.guid(), record.id(), record.ver(), record.opcode(), record.pid(),
                    record.tid(), record.props(), record.x(), record.pkey()));
        }
    }
}
