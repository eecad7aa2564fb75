package io.etwcorr.cli.bench;

import io.etwcorr.cli.CoalescingCollectors;
import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What a realistic fleet puts on {@code etw.raw} per host-hour: every Kernel-Network send and receive
 * as it is logged, and what the collectors send with coalesced transfers on (docs/contract/raw-events.md,
 * "Collector records"). Counts records and their Kafka record bytes (the host key and the JSON value).
 */
final class CoalescingVolume {
    private static final long SEED = 7;
    private static final long HOUR_S = 3600;

    /** Per host-hour: raw and coalesced records and bytes. */
    record Result(int hosts, double events, double eventsCoalesced, double bytes, double bytesCoalesced) {
        double eventRatio() {
            return events / eventsCoalesced;
        }

        double byteRatio() {
            return bytes / bytesCoalesced;
        }
    }

    private CoalescingVolume() {}

    /**
     * The demo's fleet (the story implant on the first host) of {@code hosts} hosts for one hour, with the
     * benign mix {@code mix}.
     */
    static Result run(int hosts, BenignMix mix, Consumer<String> progress) {
        Tally raw = new Tally();
        Tally coalesced = new Tally();
        CoalescingCollectors collectors = new CoalescingCollectors(CoalesceSettings.DEFAULTS, coalesced);
        FleetSimulator.generate(FleetSpec.demo(hosts, SEED).withBenign(mix), event -> {
            raw.accept(event);
            collectors.accept(event);
        });
        collectors.finish();
        double hostHours = hosts * (double) HOUR_S / 3600;
        Result result = new Result(hosts, raw.records / hostHours, coalesced.records / hostHours, raw.bytes / hostHours,
                coalesced.bytes / hostHours);
        String media = (mix.quic() ? "with" : "without") + " video, " + (mix.meetingShare() > 0 ? "with" : "without") + " meetings";
        progress.accept(String.format("coalesce, " + media + ": %,.0f raw events per host-hour, %,.0f coalesced (%.1fx fewer); "
                + "%,.0f vs %,.0f bytes (%.1fx)", result.events(), result.eventsCoalesced(), result.eventRatio(),
                result.bytes(), result.bytesCoalesced(), result.byteRatio()));
        return result;
    }

    private static final class Tally implements Consumer<RawEvent> {
        private long records;
        private long bytes;

        @Override
        public void accept(RawEvent event) {
            records++;
            bytes += event.host().length() + RawEventCodec.encodeToString(event).getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
