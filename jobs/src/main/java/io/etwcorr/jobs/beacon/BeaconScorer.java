package io.etwcorr.jobs.beacon;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per (host, process entity, destination): keeps the latest callbacks, scores them with
 * {@link BeaconScore} and emits a {@link BeaconCandidate} when the score first crosses the
 * threshold — again only when it rises materially or after the quiet period, which starts a new
 * episode (a new alert id). Allowlisted callbacks are never scored. Idle series expire by TTL.
 */
public final class BeaconScorer extends KeyedProcessFunction<String, Callback, BeaconCandidate> {
    private static final long serialVersionUID = 1L;

    /** Callbacks closer than this are one callback (parallel connections of one check-in). */
    private static final long SAME_CALLBACK_MICROS = 1_000_000L;

    private final EtwcorrConfig.Beacon config;
    private final Allowlist allowlist;
    private transient ValueState<CallbackSeries> series;

    public BeaconScorer(EtwcorrConfig.Beacon config) {
        this.config = config;
        this.allowlist = new Allowlist(config.allowlist);
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<CallbackSeries> descriptor =
                new ValueStateDescriptor<>("callback-series", Types.POJO(CallbackSeries.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofSeconds(config.idleTtlSeconds)).build());
        series = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(Callback callback, Context ctx, Collector<BeaconCandidate> out) throws Exception {
        if (allowlist.allows(callback)) {
            return;
        }
        CallbackSeries current = series.value();
        if (current == null) {
            current = new CallbackSeries();
            current.firstSeen = callback.ts;
        }
        if (callback.ip != null) {
            current.ip = callback.ip;
            current.port = callback.port;
        }
        add(current, callback);
        series.update(current);
        if (current.total < config.minCallbacks) {
            return;
        }
        BeaconScore score = BeaconScore.of(current.times, current.bytesOut, config.weights);
        if (score.score < config.threshold) {
            return;
        }
        long last = current.times[current.times.length - 1];
        boolean quiet = current.alertedAt >= 0 && last - current.alertedAt >= config.quietPeriodSeconds * 1_000_000L;
        if (quiet) {
            current.episode++;
            current.alertedScore = -1;
        }
        if (current.alertedScore >= 0 && score.score < current.alertedScore + config.materialRise) {
            return;
        }
        current.alertedScore = score.score;
        current.alertedAt = last;
        series.update(current);
        out.collect(candidate(callback, current, score));
    }

    /** Inserts the callback in time order (streams of several connections interleave), keeping the window. */
    private void add(CallbackSeries s, Callback callback) {
        int at = Arrays.binarySearch(s.times, callback.ts);
        int position = at >= 0 ? at : -at - 1;
        boolean merges = (position > 0 && callback.ts - s.times[position - 1] < SAME_CALLBACK_MICROS)
                || (position < s.times.length && s.times[position] - callback.ts < SAME_CALLBACK_MICROS);
        if (merges) {
            int same = position > 0 && callback.ts - s.times[position - 1] < SAME_CALLBACK_MICROS ? position - 1 : position;
            s.bytesOut[same] = sum(s.bytesOut[same], callback.bytesOut);
            s.bytesIn[same] = sum(s.bytesIn[same], callback.bytesIn);
            return;
        }
        s.times = insert(s.times, position, callback.ts);
        s.bytesOut = insert(s.bytesOut, position, callback.bytesOut);
        s.bytesIn = insert(s.bytesIn, position, callback.bytesIn);
        s.total++;
        s.firstSeen = Math.min(s.firstSeen, callback.ts);
        int excess = s.times.length - config.window;
        if (excess > 0) {
            s.times = Arrays.copyOfRange(s.times, excess, s.times.length);
            s.bytesOut = Arrays.copyOfRange(s.bytesOut, excess, s.bytesOut.length);
            s.bytesIn = Arrays.copyOfRange(s.bytesIn, excess, s.bytesIn.length);
        }
    }

    private static long sum(long a, long b) {
        return a < 0 ? b : b < 0 ? a : a + b;
    }

    private static long[] insert(long[] values, int position, long value) {
        long[] longer = new long[values.length + 1];
        System.arraycopy(values, 0, longer, 0, position);
        longer[position] = value;
        System.arraycopy(values, position, longer, position + 1, values.length - position);
        return longer;
    }

    private BeaconCandidate candidate(Callback callback, CallbackSeries s, BeaconScore score) {
        BeaconCandidate candidate = new BeaconCandidate();
        candidate.host = callback.host;
        candidate.pid = callback.pid;
        candidate.entityId = callback.entityId;
        candidate.destination = callback.destination;
        candidate.domain = callback.domain;
        candidate.ip = s.ip;
        candidate.port = s.port;
        candidate.intervalSeconds = round(score.intervalSeconds, 1000);
        candidate.jitter = round(score.jitter, 100);
        candidate.score = round(score.score, 100);
        candidate.callbacks = s.total;
        candidate.firstSeen = s.firstSeen;
        candidate.lastSeen = s.times[s.times.length - 1];
        candidate.bytesOutMedian = BeaconScore.medianOf(s.bytesOut);
        candidate.bytesInMedian = BeaconScore.medianOf(s.bytesIn);
        String triple = callback.scoringKey() + '|' + s.episode;
        candidate.episodeId = UUID.nameUUIDFromBytes(triple.getBytes(StandardCharsets.UTF_8)).toString();
        return candidate;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
