package io.etwcorr.jobs.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.schemas.out.EventField;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class BeaconScorerTest {
    private static final long SECOND = 1_000_000L;
    private static final long START = 1_795_633_627_000_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, Callback, BeaconCandidate> harness(
            EtwcorrConfig.Beacon config) throws Exception {
        return harness(config, BeaconScorer.Keying.PROCESS);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Callback, BeaconCandidate> harness(
            EtwcorrConfig.Beacon config, BeaconScorer.Keying keying) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BeaconScorer(config, keying)), keying.keySelector(), Types.STRING);
        harness.open();
        return harness;
    }

    /** A scheduled task's n-th run: a new curl.exe process per callback. */
    private static Callback taskRun(int run, long ts) {
        Callback callback = callback(ts, "C:\\Windows\\System32\\curl.exe");
        callback.pid = 9000 + 4L * run;
        callback.entityId = "WS-0042:s" + (20_000 + run);
        callback.groupCommandLine = CommandLines.normalize("curl.exe -s https://cdn.evil.example/c?r=" + (31_337 * run));
        return callback;
    }

    private static Callback callback(long ts, String executable) {
        Callback callback = new Callback();
        callback.host = "WS-0042";
        callback.pid = 7312;
        callback.entityId = "WS-0042:s9981";
        callback.executable = executable;
        callback.destination = "cdn.evil.example";
        callback.domain = "cdn.evil.example";
        callback.ip = "203.0.113." + (ts / SECOND % 5); // rotating C2 addresses, one destination
        callback.port = 443;
        callback.ts = ts;
        callback.bytesOut = 517;
        callback.bytesIn = 190;
        return callback;
    }

    private static List<BeaconCandidate> candidates(
            KeyedOneInputStreamOperatorTestHarness<String, Callback, BeaconCandidate> harness) {
        return harness.extractOutputValues();
    }

    @Test
    void aPeriodicCallbackStreamAlertsOnceWhenItCrossesTheThreshold() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var harness = harness(config);
        for (int i = 0; i < 20; i++) {
            harness.processElement(new StreamRecord<>(callback(START + i * 60 * SECOND, "C:\\x\\rundll32.exe")));
            if (i + 1 < config.minCallbacks) {
                assertThat(candidates(harness)).as("before %d callbacks", config.minCallbacks).isEmpty();
            }
        }
        assertThat(candidates(harness)).singleElement().satisfies(c -> {
            assertThat(c.callbacks).isEqualTo(config.minCallbacks);
            assertThat(c.intervalSeconds).isEqualTo(60.0);
            assertThat(c.destination).isEqualTo("cdn.evil.example");
            assertThat(c.firstSeen).isEqualTo(START);
            assertThat(c.lastSeen).isEqualTo(START + (config.minCallbacks - 1) * 60 * SECOND);
            assertThat(c.bytesOutMedian).isEqualTo(517);
            assertThat(c.bytesInMedian).isEqualTo(190);
            assertThat(c.episodeId).isNotBlank();
        });
        harness.close();
    }

    @Test
    void oneEpisodeIsOneIdDetectedOnceThenUpdatedAtMostOncePerUpdateInterval() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var harness = harness(config);
        long sleep = 60 * SECOND;
        int callbacks = 6 * 60; // six hours of a one-minute beacon
        for (int i = 0; i < callbacks; i++) {
            harness.processElement(new StreamRecord<>(callback(START + i * sleep, "C:\\x\\rundll32.exe")));
        }
        List<BeaconCandidate> records = candidates(harness);
        assertThat(records).extracting(c -> c.action).containsExactly(EventField.BEACON_DETECTED,
                EventField.BEACON_UPDATED, EventField.BEACON_UPDATED, EventField.BEACON_UPDATED,
                EventField.BEACON_UPDATED, EventField.BEACON_UPDATED);
        assertThat(records).extracting(c -> c.episodeId).containsOnly(records.get(0).episodeId);
        assertThat(records).extracting(c -> c.firstSeen).containsOnly(START);
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).lastSeen - records.get(i - 1).lastSeen)
                    .isGreaterThanOrEqualTo(config.updateIntervalSeconds * SECOND);
            assertThat(records.get(i).callbacks).isGreaterThan(records.get(i - 1).callbacks);
        }
        harness.close();
    }

    @Test
    void aSilenceOfTheQuietPeriodEndsTheEpisodeAndTheNextDetectionHasANewId() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var harness = harness(config);
        long sleep = 300 * SECOND;
        long resumeAt = START + 20 * sleep + config.quietPeriodSeconds * SECOND;
        for (int i = 0; i < 20; i++) {
            harness.processElement(new StreamRecord<>(callback(START + i * sleep, "C:\\x\\rundll32.exe")));
        }
        for (int i = 0; i < 20; i++) {
            harness.processElement(new StreamRecord<>(callback(resumeAt + i * sleep, "C:\\x\\rundll32.exe")));
        }
        List<BeaconCandidate> detections = candidates(harness).stream()
                .filter(c -> c.action.equals(EventField.BEACON_DETECTED)).toList();
        assertThat(detections).hasSize(2);
        assertThat(detections.get(1).episodeId).isNotEqualTo(detections.get(0).episodeId);
        assertThat(detections.get(1).firstSeen).as("event.start of the new episode").isEqualTo(resumeAt);
        assertThat(detections.get(1).callbacks).isEqualTo(config.minCallbacks);
        harness.close();
    }

    @Test
    void missedCallbacksShorterThanThreeSleepsKeepTheEpisode() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var harness = harness(config);
        long sleep = 4 * 3600 * SECOND; // a 4-hour sleep: the quiet period is 12 h, not 1 h
        for (int i = 0; i < 16; i++) {
            long missed = i >= 10 ? sleep : 0; // one check-in missed before the 11th
            harness.processElement(new StreamRecord<>(callback(START + i * sleep + missed, "C:\\x\\rundll32.exe")));
        }
        List<BeaconCandidate> records = candidates(harness);
        assertThat(records).isNotEmpty();
        assertThat(records).extracting(c -> c.episodeId).containsOnly(records.get(0).episodeId);
        assertThat(records.get(0).action).isEqualTo(EventField.BEACON_DETECTED);
        harness.close();
    }

    @Test
    void parallelConnectionsOfOneCheckInAreOneCallback() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var harness = harness(config);
        for (int i = 0; i < config.minCallbacks; i++) {
            harness.processElement(new StreamRecord<>(callback(START + i * 60 * SECOND, "C:\\x\\a.exe")));
            harness.processElement(new StreamRecord<>(callback(START + i * 60 * SECOND + 200_000, "C:\\x\\a.exe")));
        }
        assertThat(candidates(harness)).singleElement()
                .satisfies(c -> assertThat(c.bytesOutMedian).isEqualTo(2 * 517));
        harness.close();
    }

    @Test
    void allowlistedProcessesAreNeverScored() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        config.allowlist.images = List.of("rundll32.exe");
        var harness = harness(config);
        for (int i = 0; i < 20; i++) {
            harness.processElement(new StreamRecord<>(callback(START + i * 60 * SECOND, "C:\\x\\rundll32.exe")));
        }
        assertThat(candidates(harness)).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.close();
    }

    @Test
    void aTaskStartingAProcessPerCallbackAlertsOnceAsAGroupNamingTheLatestInstance() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var perProcess = harness(config);
        var perGroup = harness(config, BeaconScorer.Keying.PROCESS_GROUP);
        int runs = 12; // one hour: the detection, no update yet
        for (int run = 0; run < runs; run++) {
            Callback callback = taskRun(run, START + run * 300 * SECOND + (run % 3) * 7 * SECOND);
            perProcess.processElement(new StreamRecord<>(callback));
            perGroup.processElement(new StreamRecord<>(callback));
        }
        assertThat(candidates(perProcess)).as("every instance calls back once").isEmpty();
        assertThat(candidates(perGroup)).singleElement().satisfies(c -> {
            assertThat(c.action).isEqualTo(EventField.BEACON_DETECTED);
            assertThat(c.callbacks).isEqualTo(config.minCallbacks);
            assertThat(c.instances).isEqualTo(config.minCallbacks);
            assertThat(c.entityId).as("the latest instance").isEqualTo("WS-0042:s" + (20_000 + config.minCallbacks - 1));
            assertThat(c.pid).isEqualTo(9000 + 4L * (config.minCallbacks - 1));
        });
        perProcess.close();
        perGroup.close();
    }

    @Test
    void theSameCommandLineUnderTwoParentsIsTwoGroups() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var perGroup = harness(config, BeaconScorer.Keying.PROCESS_GROUP);
        for (int run = 0; run < 12; run++) {
            Callback fromTask = taskRun(2 * run, START + run * 300 * SECOND);
            fromTask.parentExecutable = "c:\\windows\\system32\\cmd.exe";
            Callback fromLoop = taskRun(2 * run + 1, START + run * 420 * SECOND + 90 * SECOND);
            fromLoop.parentExecutable = "c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe";
            perGroup.processElement(new StreamRecord<>(fromTask));
            perGroup.processElement(new StreamRecord<>(fromLoop));
        }
        assertThat(candidates(perGroup)).as("one detection per parent, each at its own interval")
                .extracting(c -> c.intervalSeconds).containsExactlyInAnyOrder(300.0, 420.0);
        assertThat(candidates(perGroup)).extracting(c -> c.episodeId).doesNotHaveDuplicates();
        perGroup.close();
    }

    @Test
    void oneLongLivedProcessIsNoGroupAlert() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        var perGroup = harness(config, BeaconScorer.Keying.PROCESS_GROUP);
        for (int i = 0; i < 20; i++) {
            perGroup.processElement(new StreamRecord<>(callback(START + i * 60 * SECOND, "C:\\x\\rundll32.exe")));
        }
        assertThat(candidates(perGroup)).as("the per-process scorer alerts for it").isEmpty();
        perGroup.close();
    }

    /** Callbacks every {@code intervals[i]} µs after the previous one, receiving {@code bytesIn[i]}, through a fresh scorer. */
    private static List<BeaconCandidate> scored(EtwcorrConfig.Beacon config, long[] intervals, long[] bytesIn) throws Exception {
        var harness = harness(config);
        long ts = START;
        for (int i = 0; i < bytesIn.length; i++) {
            ts += i == 0 ? 0 : intervals[i];
            Callback callback = callback(ts, "C:\\x\\player.exe");
            callback.bytesIn = bytesIn[i];
            harness.processElement(new StreamRecord<>(callback));
        }
        List<BeaconCandidate> candidates = candidates(harness);
        harness.close();
        return candidates;
    }

    /** Adaptive-bitrate playback: one segment of 0.5–2.3 MB every 4 s ± 0.25 s. */
    private static long[] segmentIntervals(int callbacks) {
        Random random = new Random(7);
        long[] intervals = new long[callbacks];
        for (int i = 0; i < callbacks; i++) {
            intervals[i] = 4 * SECOND + (long) ((random.nextDouble() - 0.5) * 0.5 * SECOND);
        }
        return intervals;
    }

    private static long[] sizes(int callbacks, long low, long high) {
        Random random = new Random(11);
        long[] sizes = new long[callbacks];
        for (int i = 0; i < callbacks; i++) {
            sizes[i] = low + (long) (random.nextDouble() * (high - low));
        }
        return sizes;
    }

    private static long[] constant(int callbacks, long value) {
        long[] values = new long[callbacks];
        java.util.Arrays.fill(values, value);
        return values;
    }

    @Test
    void videoSegmentFetchesAreStreamingAndDoNotAlert() throws Exception {
        long[] intervals = segmentIntervals(60);
        long[] segments = sizes(60, 500_000, 2_300_000);
        EtwcorrConfig.Beacon ruleOff = new EtwcorrConfig.Beacon();
        ruleOff.streamingBitsPerSecond = 0;
        assertThat(scored(ruleOff, intervals, segments)).as("the score alone takes playback for a beacon").isNotEmpty();

        assertThat(scored(new EtwcorrConfig.Beacon(), intervals, segments)).isEmpty();
    }

    @Test
    void aPausedVideoIsStillStreaming() throws Exception {
        long[] intervals = segmentIntervals(60);
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] /= 2; // 2 s segments
        }
        intervals[5] = 900 * SECOND; // paused before the series could alert: every score spans the pause
        long[] segments = sizes(60, 260_000, 500_000); // 1 Mbit/s
        EtwcorrConfig.Beacon ruleOff = new EtwcorrConfig.Beacon();
        ruleOff.streamingBitsPerSecond = 0;
        assertThat(scored(ruleOff, intervals, segments)).as("the score alone alerts across the pause")
                .singleElement().satisfies(c -> assertThat(c.firstSeen).isEqualTo(START));

        assertThat(scored(new EtwcorrConfig.Beacon(), intervals, segments)).as("the pause is no part of the rate").isEmpty();
    }

    @Test
    void aBeaconAtTheSameIntervalWithSmallResponsesStillAlerts() throws Exception {
        assertThat(scored(new EtwcorrConfig.Beacon(), segmentIntervals(60), sizes(60, 200, 4_000)))
                .singleElement().satisfies(c -> assertThat(c.intervalSeconds).isBetween(3.75, 4.25));
    }

    @Test
    void streamingStartsAtTheConfiguredRate() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        long[] minute = constant(20, 60 * SECOND);
        long atTheRate = config.streamingBitsPerSecond / 8 * 60;
        assertThat(atTheRate).isEqualTo(1_500_000);
        assertThat(scored(config, minute, constant(20, atTheRate))).isEmpty();
        assertThat(scored(config, minute, constant(20, atTheRate - 1))).hasSize(1);
    }

    @Test
    void oneLargeDownloadOrPaddingHalfTheCheckInsDoesNotSilenceABeacon() throws Exception {
        EtwcorrConfig.Beacon config = new EtwcorrConfig.Beacon();
        long[] minute = constant(20, 60 * SECOND);
        long[] oneDownload = constant(20, 300);
        oneDownload[3] = 500_000_000;
        assertThat(scored(config, minute, oneDownload)).as("a 500 MB download among check-ins").hasSize(1);

        long[] everyOtherPadded = constant(20, 300);
        for (int i = 0; i < everyOtherPadded.length; i += 2) {
            everyOtherPadded[i] = 10_000_000;
        }
        assertThat(scored(config, minute, everyOtherPadded)).as("10 MB on every other check-in").hasSize(1);

        long[] quarterMissed = constant(20, 60 * SECOND);
        for (int i = 0; i < quarterMissed.length; i += 4) {
            quarterMissed[i] = 120 * SECOND;
        }
        long atTheRate = config.streamingBitsPerSecond / 8 * 60;
        assertThat(scored(config, quarterMissed, constant(20, atTheRate)))
                .as("padding for the sleep while skipping a quarter of the check-ins").hasSize(1);
    }

    @Test
    void unknownResponseSizesAreNotStreaming() throws Exception {
        assertThat(scored(new EtwcorrConfig.Beacon(), segmentIntervals(60), constant(60, -1))).hasSize(1);
    }
}
