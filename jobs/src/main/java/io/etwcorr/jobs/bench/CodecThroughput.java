package io.etwcorr.jobs.bench;

import io.etwcorr.collector.simulate.FleetEvents;
import io.etwcorr.collector.simulate.FleetSimulator;
import io.etwcorr.collector.simulate.FleetSpec;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The collector's codec: {@link RawEventCodec#encode} and {@link RawEventCodec#decode} over a
 * sample of simulated events, in a plain timed loop (warm-up rounds, then the median of measured
 * rounds). This is not JMH: the repository has no JMH benchmarks yet, and a loop in the same JVM
 * as the other benches is less isolated than a forked JMH run.
 */
public final class CodecThroughput {
    private static final int WARMUP_ROUNDS = 3;
    private static final int MEASURED_ROUNDS = 5;

    /** Events per second of each direction, median of the measured rounds, single thread. */
    public record Result(int sample, double encodePerS, double decodePerS, double meanBytes) {
    }

    private CodecThroughput() {}

    public static Result run(int sampleSize, Consumer<String> progress) throws RawEventException {
        FleetEvents events = FleetSimulator.events(FleetSpec.benign(50, 3L, 86_400));
        List<RawEvent> sample = new ArrayList<>(sampleSize);
        while (sample.size() < sampleSize && events.hasNext()) {
            sample.add(events.next());
        }
        byte[][] encoded = new byte[sample.size()][];
        long bytes = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = RawEventCodec.encode(sample.get(i));
            bytes += encoded[i].length;
        }
        double[] encodeRates = new double[MEASURED_ROUNDS];
        double[] decodeRates = new double[MEASURED_ROUNDS];
        long sink = 0;
        for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
            long started = System.nanoTime();
            for (RawEvent event : sample) {
                sink += RawEventCodec.encode(event).length;
            }
            double encodeRate = sample.size() / ((System.nanoTime() - started) / 1e9);
            started = System.nanoTime();
            for (byte[] value : encoded) {
                sink += RawEventCodec.decode(value).seq();
            }
            double decodeRate = sample.size() / ((System.nanoTime() - started) / 1e9);
            if (round >= WARMUP_ROUNDS) {
                encodeRates[round - WARMUP_ROUNDS] = encodeRate;
                decodeRates[round - WARMUP_ROUNDS] = decodeRate;
            }
        }
        if (sink == 0) {
            throw new IllegalStateException("the codec produced nothing");
        }
        Result result = new Result(sample.size(), median(encodeRates), median(decodeRates),
                bytes / (double) sample.size());
        progress.accept(String.format("codec: encode %,.0f events/s, decode %,.0f events/s (%d-event sample, %.0f B each)",
                result.encodePerS(), result.decodePerS(), result.sample(), result.meanBytes()));
        return result;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
