package io.etwcorr.jobs.beacon;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.schemas.out.EventField;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per (host, process entity, destination): keeps the latest callbacks, scores them with
 * {@link BeaconScore} and runs one alert episode (docs/contract/outputs.md): when the score first
 * crosses the threshold a {@code beacon-detected} candidate with a new episode id goes out, then at
 * most one {@code beacon-updated} per update interval under the same id while callbacks continue. A
 * silence of the quiet period (at least 3 median intervals) ends the episode: the series starts
 * afresh and its next detection gets a new id. Allowlisted callbacks are never scored, and a series
 * that keeps receiving at {@code beacon.streamingBitsPerSecond} or more (video, a bulk transfer)
 * never alerts. Idle series expire by TTL.
 *
 * <p>{@link Keying#PROCESS_GROUP} scores the same callbacks per {@link Callback#groupKey()} instead: a
 * scheduled task or loop that starts a new process per callback. A group alerts only once at least
 * two instances called back (one instance is the per-process scorer's), and names the latest
 * instance with the number of instances.
 */
public final class BeaconScorer extends KeyedProcessFunction<String, Callback, BeaconCandidate> {
    private static final long serialVersionUID = 1L;

    /** Callbacks closer than this are one callback (parallel connections of one check-in). */
    private static final long SAME_CALLBACK_MICROS = 1_000_000L;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    /** A silence of this many median intervals (or the quiet period, if longer) ends an episode. */
    private static final double QUIET_INTERVALS = 3;

    /** What one series is: the callbacks of one process instance, or of one process group. */
    public enum Keying {
        PROCESS(Callback::scoringKey),
        PROCESS_GROUP(Callback::groupKey);

        private final KeySelector<Callback, String> key;

        Keying(KeySelector<Callback, String> key) {
            this.key = key;
        }

        /** The key of a callback's series, to key the stream by. */
        public KeySelector<Callback, String> keySelector() {
            return key;
        }
    }

    private final EtwcorrConfig.Beacon config;
    private final Keying keying;
    private final Allowlist allowlist;
    private transient ValueState<CallbackSeries> series;

    public BeaconScorer(EtwcorrConfig.Beacon config, Keying keying) {
        this.config = config;
        this.keying = keying;
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
        if (current == null || episodeEndedBefore(current, callback.ts)) {
            current = new CallbackSeries();
            current.firstSeen = callback.ts;
        }
        if (callback.ip != null) {
            current.ip = callback.ip;
            current.port = callback.port;
        }
        if (callback.ts >= current.lastCallback() && !Objects.equals(callback.entityId, current.lastEntityId)) {
            current.lastEntityId = callback.entityId;
            current.lastPid = callback.pid;
            current.instances++;
        }
        add(current, callback);
        series.update(current);
        if (current.total < config.minCallbacks || (keying == Keying.PROCESS_GROUP && current.instances < 2)) {
            return;
        }
        BeaconScore score = BeaconScore.of(current.times, current.bytesOut, config.weights);
        if (score.score < config.threshold || streaming(current, score)) {
            return;
        }
        long last = current.lastCallback();
        String action;
        if (current.episodeId == null) {
            action = EventField.BEACON_DETECTED;
            String episode = keying.key.getKey(callback) + '|' + current.firstSeen;
            current.episodeId = UUID.nameUUIDFromBytes(episode.getBytes(StandardCharsets.UTF_8)).toString();
        } else if (last - current.emittedAt >= config.updateIntervalSeconds * MICROS_PER_SECOND
                && current.total > current.emittedCallbacks) {
            action = EventField.BEACON_UPDATED;
        } else {
            return;
        }
        current.emittedAt = last;
        current.emittedCallbacks = current.total;
        current.emittedIntervalSeconds = score.intervalSeconds;
        series.update(current);
        out.collect(candidate(callback, current, score, action));
    }

    /**
     * Whether the series keeps receiving at a streaming rate: media segments or a bulk transfer every
     * few seconds, not a check-in. Measured as a rate, so a slow beacon padding its responses pays
     * for the whole sleep, not one response.
     */
    private boolean streaming(CallbackSeries s, BeaconScore score) {
        return config.streamingBitsPerSecond > 0
                && BeaconScore.receivedBitsPerSecond(s.times, s.bytesIn, score.intervalSeconds) >= config.streamingBitsPerSecond;
    }

    /** Whether a callback at {@code ts} comes after a silence that ended the series' episode. */
    private boolean episodeEndedBefore(CallbackSeries s, long ts) {
        if (s.episodeId == null) {
            return false;
        }
        double quietSeconds = Math.max(config.quietPeriodSeconds, QUIET_INTERVALS * s.emittedIntervalSeconds);
        return ts - s.lastCallback() >= quietSeconds * MICROS_PER_SECOND;
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

    private BeaconCandidate candidate(Callback callback, CallbackSeries s, BeaconScore score, String action) {
        BeaconCandidate candidate = new BeaconCandidate();
        candidate.host = callback.host;
        candidate.pid = keying == Keying.PROCESS_GROUP ? s.lastPid : callback.pid;
        candidate.entityId = keying == Keying.PROCESS_GROUP ? s.lastEntityId : callback.entityId;
        candidate.instances = keying == Keying.PROCESS_GROUP ? s.instances : 0;
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
        candidate.episodeId = s.episodeId;
        candidate.action = action;
        return candidate;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
