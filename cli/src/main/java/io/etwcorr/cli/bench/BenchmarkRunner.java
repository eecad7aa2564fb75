package io.etwcorr.cli.bench;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.simulator.BenignMix;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the benches one after the other in this JVM and collects a {@link BenchReport}: end-to-end
 * throughput against its parse-only baseline (with the checkpoint size), event-to-alert latency at
 * a fixed input rate, {@code analyze} throughput, and the collector's decode + encode path (JMH).
 */
public final class BenchmarkRunner {
    static final double GOAL_EVENTS_PER_S = 250_000;
    static final double GOAL_RATIO = 0.5;
    static final double GOAL_RATIO_FLEET_COST = 0.35;
    static final double GOAL_P99_MS = 2000;
    static final double GOAL_COLLECTOR_NETWORK_PER_S = 1_000_000;
    static final double LATENCY_INPUT_RATE = 100_000;
    static final double GOAL_BYTES_PER_KEY = 1024;
    static final double GOAL_ROCKSDB_OVER_HEAP = 0.7;

    /** Sizes of a run. */
    public record Options(String mode, long e2eEvents, int e2eHosts, long analyzeEvents, int analyzeHosts,
            Duration latencyFeed, Duration latencyDrain, Duration e2eTimeout, List<StateFleet> stateFleets,
            Duration soak, List<StateFleet> backendFleets, Path beforeBuild) {
        /** About 200k events per stage: a few minutes. */
        public static Options quick() {
            return new Options("quick", 200_000, 200, 200_000, 100, Duration.ofSeconds(25), Duration.ofSeconds(90),
                    Duration.ofMinutes(5), List.of(new StateFleet(1_000, 150), new StateFleet(10_000, 40)),
                    Duration.ofMinutes(2), List.of(new StateFleet(1_000, 200), new StateFleet(10_000, 40)), null);
        }

        /** About 2M events end to end. */
        public static Options full() {
            return new Options("full", 2_000_000, 1000, 1_000_000, 200, Duration.ofSeconds(60), Duration.ofSeconds(180),
                    Duration.ofMinutes(20), List.of(new StateFleet(1_000, 150), new StateFleet(10_000, 150),
                            new StateFleet(99_999, 40)), // the simulator's largest fleet
                    Duration.ofMinutes(10), List.of(new StateFleet(1_000, 200), new StateFleet(10_000, 100)), null);
        }

        /** The same run, with the end-to-end stage of a build in {@code dir} right after this build's. */
        public Options withBeforeBuild(Path dir) {
            return new Options(mode, e2eEvents, e2eHosts, analyzeEvents, analyzeHosts, latencyFeed, latencyDrain,
                    e2eTimeout, stateFleets, soak, backendFleets, dir);
        }
    }

    /**
     * A fleet for the state stage and the first events of each host it sends: its process rundown
     * (a few dozen events), then its first minutes of network activity.
     */
    public record StateFleet(int hosts, int eventsPerHost) {
    }

    /** Fleets up to this size keep their state on the heap; larger ones in RocksDB, as a production job would. */
    static final int HEAP_STATE_MAX_HOSTS = 1_000;

    private BenchmarkRunner() {}

    /** The stages of a run, in the order they run; {@code --stages} picks some. */
    public enum Stage { E2E, LATENCY, SOAK, ANALYZE, STATE, BACKENDS, COLLECTOR, COALESCE }

    public static BenchReport run(Options options, Set<Stage> stages, Path repoDir, Consumer<String> progress)
            throws Exception {
        long started = System.nanoTime();
        BenchReport report = new BenchReport(machine(), commit(repoDir),
                ZonedDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), options.mode());
        Path workDir = Files.createTempDirectory("etwcorr-bench");
        try {
            EndToEndThroughput.Result e2e = stages.contains(Stage.E2E) ? stage("end to end", E2E_KEYS, report, progress,
                    () -> endToEnd(options, workDir, report, progress)) : null;
            if (e2e != null && options.beforeBuild() != null) {
                stage("end to end, build before", List.of("e2e_ratio_before", "e2e_events_per_s_before"), report,
                        progress, () -> {
                    endToEndBefore(options, workDir, report, progress);
                    return null;
                });
            }
            double sustained = e2e == null ? Double.NaN : e2e.jobPerS();
            double feeder = e2e == null ? Double.NaN : e2e.prefillPerS();
            if (stages.contains(Stage.LATENCY)) {
                stage("latency", List.of(), report, progress, () -> {
                    latency(options, workDir, sustained, feeder, report, progress);
                    return null;
                });
            }
            if (stages.contains(Stage.SOAK)) {
                stage("soak", List.of(), report, progress, () -> {
                    soak(options, sustained, workDir, report, progress);
                    return null;
                });
            }
            if (stages.contains(Stage.ANALYZE)) {
                stage("analyze", List.of(), report, progress, () -> {
                    analyze(options, workDir, report, progress);
                    return null;
                });
            }
            if (stages.contains(Stage.STATE)) {
                for (StateFleet fleet : options.stateFleets()) {
                    String key = "state_" + fleet.hosts() + "_hosts";
                    stage("state, " + fleet.hosts() + " hosts", List.of(key + "_checkpoint_bytes", key + "_bytes_per_host",
                            key + "_bytes_per_key", key + "_events_per_s"), report, progress, () -> {
                        state(options, fleet, workDir, report, progress);
                        return null;
                    });
                }
            }
            if (stages.contains(Stage.BACKENDS)) {
                List<String> keys = new ArrayList<>(List.of("rocksdb_over_heap"));
                for (StateFleet fleet : options.backendFleets()) {
                    keys.addAll(List.of("heap_events_per_s_" + fleet.hosts() + "_hosts",
                            "rocksdb_events_per_s_" + fleet.hosts() + "_hosts", "rocksdb_over_heap_" + fleet.hosts() + "_hosts"));
                }
                stage("backends", keys, report, progress, () -> {
                    backends(options, workDir, report, progress);
                    return null;
                });
            }
            if (stages.contains(Stage.COLLECTOR)) {
                stage("collector", List.of(), report, progress, () -> {
                    collector(options, report, progress);
                    return null;
                });
            }
            if (stages.contains(Stage.COALESCE)) {
                stage("coalesce", COALESCE_KEYS, report, progress, () -> {
                    coalesce(options, report, progress);
                    return null;
                });
            }
        } finally {
            deleteRecursively(workDir);
        }
        goals(report);
        report.notMeasured("State of the beacon scorer alone per (process, destination) key: the per-key figure "
                + "here divides the whole checkpoint; splitting it by operator needs the checkpoint's per-operator "
                + "sizes (REST API or metadata parsing), and the key count is approximated from etw.connections "
                + "rather than read from the scorer (it exports no gauge).");
        report.notMeasured("The collector's ETW callback and sender threads together (queue hand-off, Kafka "
                + "producer batching): the JMH figures are one thread's decode + encode; TDH-decoded events and the "
                + "x enrichment's lookups need Windows.");
        report.notMeasured("Throughput of the job with more than 2 task slots, with a remote broker, or with "
                + "TLS/SASL; repeated runs with a spread (each number here is one run).");
        report.notMeasured("Latency percentiles beyond what the sample count supports: with a few dozen alerts "
                + "p99 is close to the maximum.");
        report.runtimeSeconds((System.nanoTime() - started) / 1e9);
        return report;
    }

    static final List<String> COALESCE_KEYS = List.of("events_per_host_hour", "events_per_host_hour_coalesced",
            "raw_bytes_per_host_hour", "raw_bytes_per_host_hour_coalesced", "coalesced_event_ratio",
            "events_per_host_hour_without_video", "events_per_host_hour_without_video_coalesced");

    /** Raw events and etw.raw bytes per host-hour with every send and receive, and with coalesced transfers. */
    private static void coalesce(Options options, BenchReport report, Consumer<String> progress) {
        int hosts = options.mode().equals("quick") ? 20 : 100;
        CoalescingVolume.Result volume = CoalescingVolume.run(hosts, BenignMix.defaults().withVideoAndMeetings(), progress);
        CoalescingVolume.Result withoutVideo = CoalescingVolume.run(hosts, BenignMix.defaults(), progress);
        String setup = String.format("The demo's fleet (%d hosts, one hour, the story implant) with the simulator's "
                + "Kernel-Network transfer shapes (TransferShape) and the realistic benign mix: the browser's QUIC video "
                + "at real bitrates and video meetings on half the hosts (BenignMix.withVideoAndMeetings); ", hosts);
        report.add(new Measurement("events_per_host_hour", "Raw events per host-hour, every send and receive",
                volume.events(), "events", setup + "every record the collector sends with coalescing off."));
        report.add(new Measurement("events_per_host_hour_coalesced", "Raw events per host-hour, coalesced transfers",
                volume.eventsCoalesced(), "events", setup + "the same events through each host's TransferCoalescer "
                + "(coalesce.* defaults: 200 ms idle gap, 1 s span), windows closed on the fleet's event time."));
        report.add(new Measurement("raw_bytes_per_host_hour", "etw.raw bytes per host-hour, every send and receive",
                volume.bytes(), "bytes", setup + "Kafka record key (host) plus JSON value, before compression."));
        report.add(new Measurement("raw_bytes_per_host_hour_coalesced", "etw.raw bytes per host-hour, coalesced transfers",
                volume.bytesCoalesced(), "bytes", setup + "as above, coalesced."));
        report.add(new Measurement("coalesced_event_ratio", "Raw events / coalesced records", volume.eventRatio(),
                "ratio", "events_per_host_hour / events_per_host_hour_coalesced."));
        report.add(new Measurement("events_per_host_hour_without_video", "Raw events per host-hour, no video",
                withoutVideo.events(), "events", "As events_per_host_hour, the default benign mix (no video, no meetings)."));
        report.add(new Measurement("events_per_host_hour_without_video_coalesced",
                "Raw events per host-hour, no video, coalesced", withoutVideo.eventsCoalesced(), "events",
                "As events_per_host_hour_coalesced, the default benign mix (no video, no meetings)."));
        report.goal(new Goal("Coalescing >= 5x fewer raw events on the realistic mix", "coalesced_event_ratio", 5, true));
    }

    /** The figures of the end-to-end stage, null in the report when it does not complete. */
    static final List<String> E2E_KEYS = List.of("e2e_events_per_s", "e2e_from_submit_events_per_s",
            "baseline_events_per_s", "e2e_ratio", "prefill_events_per_s", "checkpoint_bytes", "e2e_cpu_us_per_event",
            "host_events_per_s", "hosts_per_core", "e2e_processing_events_per_s", "e2e_shipped_checkpoints_events_per_s",
            "e2e_shipped_checkpoints_ratio", "e2e_shipped_checkpoints_cpu_us_per_event");

    /**
     * Runs one stage; a failure is reported in the notes, its figures {@code keys} are null with the
     * reason (never a number of a run that did not complete), and the next stage still runs.
     */
    static <T> T stage(String name, List<String> keys, BenchReport report, Consumer<String> progress,
            java.util.concurrent.Callable<T> body) {
        try {
            return body.call();
        } catch (Exception e) {
            String reason = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()).replace('\n', ' ');
            progress.accept(name + " stage did not complete: " + reason);
            report.note(name + " stage did not complete: " + reason);
            for (String key : keys) {
                report.add(new Measurement(key, name + ": not measured", Double.NaN, "",
                        "Not measured: the stage did not complete (" + reason + ")."));
            }
            return null;
        }
    }

    private static EndToEndThroughput.Result endToEnd(Options options, Path workDir, BenchReport report, Consumer<String> progress)
            throws Exception {
        EndToEndThroughput.Result e2e = EndToEndThroughput.run(options.e2eEvents(), options.e2eHosts(),
                EndToEndThroughput.CHECKPOINT_INTERVAL_MS, true, options.e2eTimeout(), workDir, progress);
        long shippedInterval = new EtwcorrConfig().job.checkpointIntervalMs;
        EndToEndThroughput.Result shipped = EndToEndThroughput.run(options.e2eEvents(), options.e2eHosts(),
                shippedInterval, false, options.e2eTimeout(), workDir, progress);
        String setup = String.format("%,d simulated raw events of %d benign hosts in etw.raw (8 partitions, "
                + "in-process broker), produced by the collector's KafkaRawProducer (lz4, acks=all).",
                e2e.events(), e2e.hosts());
        report.add(new Measurement("e2e_events_per_s", "End to end: correlation job, parallelism 2",
                e2e.jobPerS(), "events/s", setup + " The full job from the earliest offsets to the five output "
                + "topics, exactly once, checkpoint every " + EndToEndThroughput.CHECKPOINT_INTERVAL_MS + " ms. "
                + "Done = the job's consumer group's committed offsets (read with an Admin client every 50 ms) "
                + "cover all events; the KafkaSource commits on each completed checkpoint, so both ends of the "
                + "window are late by up to one checkpoint. Rate = events between the first commit and the "
                + "final one, divided by the time between them (the MiniCluster's start-up is excluded)."));
        report.add(new Measurement("e2e_from_submit_events_per_s", "End to end, from job submission",
                e2e.jobFromSubmitPerS(), "events/s", "All events divided by the time from "
                + "StreamExecutionEnvironment.executeAsync to the final commit, start-up included."));
        report.add(new Measurement("baseline_events_per_s", "Baseline: KafkaConsumer + Jackson readTree",
                e2e.baselinePerS(), "events/s", "Same topic, same run, before the job: one KafkaConsumer "
                + "(one thread) assigned all 8 partitions from the beginning, Jackson readTree of every value; "
                + "events divided by the time from the first record to the last."));
        report.add(new Measurement("e2e_ratio", "End to end / baseline", e2e.ratio(), "ratio",
                "The job's rate divided by the baseline's, both from this run."));
        report.add(new Measurement("prefill_events_per_s", "Pre-fill: simulator + KafkaRawProducer",
                e2e.prefillPerS(), "events/s", "Generating, encoding and producing the events "
                + "(one thread), until flush returns."));
        report.add(new Measurement("checkpoint_bytes", "Checkpoint size after the run", e2e.checkpointBytes() < 0
                ? Double.NaN : e2e.checkpointBytes(), "bytes", "Bytes of the newest completed checkpoint "
                + "(retained on cancellation, hashmap backend, full checkpoints), taken about two checkpoints "
                + "after the job consumed all events."));
        report.add(new Measurement("checkpoint_bytes_per_host", "Checkpoint size per simulated host",
                e2e.checkpointBytes() < 0 ? Double.NaN : e2e.checkpointBytes() / (double) e2e.hosts(), "bytes",
                "The checkpoint size divided by the number of hosts that sent events (all keyed state is per "
                + "host or per (process, destination) of a host)."));
        double perKey = e2e.checkpointBytes() < 0 || e2e.activeKeys() == 0 ? Double.NaN
                : e2e.checkpointBytes() / (double) e2e.activeKeys();
        report.add(new Measurement("active_keys", "Active (process, destination) keys", e2e.activeKeys(), "keys",
                "Distinct host | process entity | destination (domain, else ip:port) of the outbound "
                + "connections the job wrote to etw.connections (read_committed, to the end): an approximation "
                + "of the beacon scorer's keys; all are active, the run covers less simulated time than "
                + "beacon.idleTtlSeconds."));
        report.add(new Measurement("checkpoint_bytes_per_key", "Checkpoint bytes per active key", perKey, "bytes",
                "The whole checkpoint divided by the active keys: an upper bound of the state per key, since "
                + "it also holds the per-host state (dedupe windows, reordering buffers, process tables)."));
        report.add(new Measurement("e2e_cpu_us_per_event", "End to end: CPU time per event", e2e.cpuMicrosPerEvent(),
                "µs", "CPU time of the bench's JVM (every thread: the job, the in-process broker, the Kafka clients) "
                + "in the same window as the end-to-end rate, divided by the events in it. Unlike the rate it "
                + "hardly changes when other processes share the cores."));
        String processingHow = "Events between the moment the job's parse had taken in "
                + EndToEndThroughput.WARM_UP_PERCENT + " % of them and the moment its host sequencer (past the parse "
                + "and the shuffle by host; the correlator and two sink writers chained to it) had taken in all, "
                + "from live task metrics read every 50 ms, over the time between. It does not wait for checkpoints "
                + "or commits, and leaves out what runs after that moment (events held in the reordering buffer, "
                + "downstream queues, the snapshots and commits still to come).";
        report.add(new Measurement("e2e_processing_events_per_s", "End to end, processing rate, checkpoint every 1 s",
                e2e.processingPerS(), "events/s", "The run of e2e_events_per_s timed by its processing: " + processingHow));
        String shippedHow = String.format(Locale.ROOT, "The same stage once more (its own broker and pre-fill, same "
                + "fleet) with the job's shipped checkpoint interval, job.checkpointIntervalMs = %,d ms, timed by "
                + "its processing as e2e_processing_events_per_s (committed offsets advance only every %d s). Every "
                + "checkpoint snapshots the whole state (hashmap backend, full checkpoints) and commits five "
                + "transactional sinks, so the bench's 1 s interval costs the job work a deployment does not do.",
                shippedInterval, shippedInterval / 1000);
        report.add(new Measurement("e2e_shipped_checkpoints_events_per_s",
                "End to end, processing rate, shipped checkpoint interval", shipped.processingPerS(), "events/s",
                shippedHow));
        report.add(new Measurement("e2e_shipped_checkpoints_ratio",
                "End to end, processing rate, shipped checkpoint interval / baseline",
                shipped.processingPerS() / e2e.baselinePerS(), "ratio", "That rate over the baseline above."));
        report.add(new Measurement("e2e_shipped_checkpoints_cpu_us_per_event",
                "End to end, shipped checkpoint interval: CPU time per event", shipped.processingCpuMicrosPerEvent(),
                "µs", "CPU time of the bench's JVM in that run's processing window, per event."));
        double hostRate = HostsPerCore.hostEventsPerSecond();
        report.add(new Measurement("host_events_per_s", "Raw events per host and second, simulated office workstation",
                hostRate, "events/s", String.format(Locale.ROOT, "The benign simulated fleet (%d hosts, default rates) "
                + "between %d and %d simulated seconds after its start: raw events divided by hosts and seconds. "
                + "Its first minutes (each host's process rundown) are left out: they happen once per collector start.",
                HostsPerCore.HOSTS, HostsPerCore.SKIP_S, HostsPerCore.SKIP_S + HostsPerCore.WINDOW_S)));
        report.add(new Measurement("hosts_per_core", "Hosts one core keeps up with, end to end",
                HostsPerCore.hostsPerCore(shipped.processingCpuMicrosPerEvent(), hostRate), "hosts", "One CPU-second "
                + "divided by the CPU time per event end to end with the shipped checkpoint interval (as deployed: "
                + "e2e_shipped_checkpoints_cpu_us_per_event) and by the "
                + "raw events per host and second above: how many such hosts one core of this machine keeps up "
                + "with, the in-process broker's and the Kafka clients' work included (a conservative figure for "
                + "the job alone)."));
        report.note(String.format(Locale.ROOT, "End to end: the job's committed offsets advanced %d times; the "
                + "longest gap between two advances was %.1f s (checkpoint interval %d ms). That gap is the "
                + "resolution of the completion signal; a gap well above the interval means checkpoints took "
                + "longer than their interval (the backlog backpressures the job, and barriers wait behind it). "
                + "The end-to-end stage also runs first, in a cold JVM (JIT warm-up is inside its window).",
                e2e.commitAdvances(), e2e.longestCommitGapS(), EndToEndThroughput.CHECKPOINT_INTERVAL_MS));
        return e2e;
    }

    /** The end-to-end stage of the build before a change, in its own JVM, right after this build's. */
    private static void endToEndBefore(Options options, Path workDir, BenchReport report, Consumer<String> progress)
            throws Exception {
        BeforeBuild.Result before = BeforeBuild.endToEnd(options.beforeBuild(), "quick".equals(options.mode()),
                options.e2eTimeout().multipliedBy(2), workDir, progress);
        String how = String.format(Locale.ROOT, "The same end-to-end stage (same fleet, same sizes) of the build in %s "
                + "(commit %s), run by that build's own bench in a JVM of its own right after this build's stage, "
                + "on the same machine; its baseline was %,.0f events/s.", options.beforeBuild(), before.commit(),
                before.baselinePerS());
        report.add(new Measurement("e2e_events_per_s_before", "End to end, the build before", before.jobPerS(),
                "events/s", how));
        report.add(new Measurement("e2e_ratio_before", "End to end / baseline, the build before", before.ratio(),
                "ratio", "That build's end-to-end rate over its own baseline, both measured in its run; compare "
                + "with e2e_ratio of this build."));
    }

    private static void latency(Options options, Path workDir, double sustainedPerS, double feederPerS,
            BenchReport report, Consumer<String> progress) throws Exception {
        latencyAt(LATENCY_INPUT_RATE, feederPerS, "latency", "Event to alert at the goal's rate", options, workDir,
                report, progress);
        // A second point at a rate the job sustained in this run, so the latency is not only a backlog.
        double sustainable = Math.max(1000, Math.floor(sustainedPerS / 2 / 1000) * 1000);
        if (Double.isFinite(sustainedPerS) && sustainable < LATENCY_INPUT_RATE) {
            latencyAt(sustainable, feederPerS, "latency_half_e2e", "Event to alert at half the end-to-end rate",
                    options, workDir, report, progress);
        }
    }

    private static void latencyAt(double rate, double feederPerS, String key, String title, Options options,
            Path workDir, BenchReport report, Consumer<String> progress) throws Exception {
        AlertLatency.Result latency = AlertLatency.run(rate, feederPerS, options.latencyFeed(),
                options.latencyDrain(), workDir, progress);
        String how = String.format("Input paced at %,.0f events/s for about %d s (achieved %,.0f events/s) from %d "
                + "simulated hosts, %d of them with a beaconing implant (every %.0f s, own C2 domain); the job at "
                + "parallelism 2 with a checkpoint every %d ms (file checkpoint storage), alerts read with "
                + "read_committed. Latency = wall time from sending the raw event an alert is timed at (its "
                + "last callback) to reading the alert. Alerts become visible only when the checkpoint that "
                + "covers them completes, so the checkpoint interval bounds the latency from below on average; "
                + "the per-host reordering buffer (correlation.latenessSeconds of event time) adds its simulated "
                + "time at the fleet's speed-up; when the job cannot keep up with the input, the backlog adds "
                + "to it. The fleet is sized so that the feed covers the simulated time in which the implants "
                + "alert at the lower of the target rate and half the pre-fill rate seen above (one producer "
                + "thread, now sharing the cores with the job); the feed runs to the fleet's end. Then the alerts "
                + "are awaited until every implant alerted or " + options.latencyDrain().toSeconds() + " s "
                + "passed. %d alerts sampled (%d alerts on other hosts not matched); percentiles from an HdrHistogram "
                + "of all samples (1 ms unit, 3 significant digits)." + (latency.lowerBound() ? " NO ALERT ARRIVED in this run: p50 and "
                + "p99 are the time waited after the last event was sent, a lower bound of the latency." : ""),
                rate, options.latencyFeed().toSeconds(), latency.achievedPerS(), latency.hosts(),
                latency.implants(), AlertLatency.SLEEP_S, AlertLatency.CHECKPOINT_INTERVAL_MS, latency.samples(),
                latency.unmatched());
        String at = String.format(" (%,.0f events/s)", rate);
        report.add(new Measurement(key + "_p50_ms", title + at + ", p50", latency.p50Ms(), "ms", how));
        report.add(new Measurement(key + "_p99_ms", title + at + ", p99", latency.p99Ms(), "ms",
                "As p50, the 99th percentile of the same samples."));
        report.add(new Measurement(key + "_alerts", title + at + ", alerts sampled", latency.samples(), "alerts",
                "How many alerts the percentiles are computed from."));
        report.add(new Measurement(key + "_input_events_per_s", title + at + ", achieved input rate",
                latency.achievedPerS(), "events/s", "Events sent divided by the feeding time; below the target "
                + "when the feeder (one thread) could not keep up on the shared cores or Kafka pushed back."));
    }

    /** Without an end-to-end rate from this run, the soak runs at this rate. */
    static final double SOAK_DEFAULT_RATE = 10_000;

    private static void soak(Options options, double sustainedPerS, Path workDir, BenchReport report,
            Consumer<String> progress) throws Exception {
        boolean measured = Double.isFinite(sustainedPerS) && sustainedPerS > 0;
        double rate = measured ? Math.floor(sustainedPerS / 2 / 1000) * 1000 : SOAK_DEFAULT_RATE;
        Soak.Result soak = Soak.run(Math.max(1000, rate), options.soak(), Duration.ofSeconds(30), workDir, progress);
        String how = String.format("%d min at %,.0f events/s (%s; achieved %,.0f) from %d benign hosts, about %.0fx "
                + "simulated time, checkpoint every %d ms (hashmap backend, full checkpoints), sampled every 30 s.",
                options.soak().toMinutes(), soak.targetPerS(), measured ? "half the end-to-end rate of this run"
                        : "no end-to-end rate in this run, a fixed default", soak.achievedPerS(), soak.hosts(),
                Soak.SPEED_UP, Soak.CHECKPOINT_INTERVAL_MS);
        report.add(new Measurement("soak_lag_second_half", "Soak: largest consumer lag in the second half",
                soak.secondHalfMaxLag(), "events", how + " Lag = raw events in the topic not yet covered by a "
                + "completed checkpoint's committed offsets; it stays within a few checkpoints' worth of input "
                + "when the job keeps up, and grows steadily when it does not (the first half holds the start-up)."));
        report.add(new Measurement("soak_lag_final", "Soak: consumer lag at the end", soak.finalLag(), "events",
                "The last sample's lag, for comparison with the second half's largest."));
        report.add(new Measurement("soak_checkpoint_growth", "Soak: checkpoint size, last quarter over third quarter",
                soak.checkpointGrowth(), "ratio", "The largest checkpoint of the run's last quarter divided by "
                + "the largest of its third quarter: about 1 when the state's time-to-live holds it level (the full "
                + "run's 10 minutes cover about 33 simulated hours, its last quarter lies beyond the longest TTL, 24 h)."));
        List<List<String>> rows = soak.samples().stream().map(sample -> List.of(
                BenchReport.format(sample.elapsedS()), BenchReport.format(sample.simulatedHours()),
                BenchReport.format(sample.sent()), BenchReport.format(sample.lag()),
                BenchReport.format(sample.checkpointBytes()))).toList();
        report.table(new BenchReport.Table("Soak over time", how, List.of("Wall s", "Simulated h", "Events sent",
                "Lag (events)", "Checkpoint bytes"), rows));
    }

    private static void analyze(Options options, Path workDir, BenchReport report, Consumer<String> progress)
            throws Exception {
        AnalyzeThroughput.Result analyze = AnalyzeThroughput.run(options.analyzeEvents(), options.analyzeHosts(),
                workDir, progress);
        report.add(new Measurement("analyze_records_per_s", "analyze: records/s", analyze.recordsPerS(),
                "records/s", String.format("AnalyzeCommand.analyze over one uncompressed JSONL corpus written by "
                + "CorpusWriter (%,d records, %,d bytes, %d hosts, one story implant), parallelism 2; wall time "
                + "of the call, MiniCluster start-up and the merge of the five output files included.",
                analyze.records(), analyze.fileBytes(), options.analyzeHosts())));
        report.add(new Measurement("analyze_mb_per_s", "analyze: input MB/s", analyze.fileBytes() / 1e6
                / analyze.seconds(), "MB/s", "The corpus size divided by the same wall time."));
    }

    private static void state(Options options, StateFleet fleet, Path workDir, BenchReport report,
            Consumer<String> progress) throws Exception {
        int hosts = fleet.hosts();
        String backend = hosts <= HEAP_STATE_MAX_HOSTS ? "hashmap" : "rocksdb";
        long events = (long) hosts * fleet.eventsPerHost();
        EndToEndThroughput.Result run = EndToEndThroughput.run(events, hosts, backend, false, false, options.e2eTimeout(),
                workDir, progress);
        String key = "state_" + hosts + "_hosts";
        String title = String.format("State, %,d hosts (%s)", hosts, backend);
        String how = String.format("The end-to-end setup with %,d benign hosts and %,d events (the fleet's "
                + "first events in time order, about %d per host: its process rundown, then its first minutes of activity), the %s state backend "
                + "with full checkpoints; the newest retained checkpoint about two checkpoints after the last "
                + "event.", hosts, run.events(), fleet.eventsPerHost(), backend);
        double bytes = run.checkpointBytes() < 0 ? Double.NaN : run.checkpointBytes();
        report.add(new Measurement(key + "_checkpoint_bytes", title + ": checkpoint size", bytes, "bytes", how));
        report.add(new Measurement(key + "_bytes_per_host", title + ": checkpoint bytes per host", bytes / hosts,
                "bytes", "The checkpoint size divided by the hosts."));
        report.add(new Measurement(key + "_bytes_per_key", title + ": checkpoint bytes per active key",
                run.activeKeys() == 0 ? Double.NaN : bytes / run.activeKeys(), "bytes", "The checkpoint size "
                + "divided by the distinct (host, process, destination) of the outbound connections in "
                + "etw.connections (" + run.activeKeys() + "); an upper bound, as it includes the per-host state."));
        report.add(new Measurement(key + "_events_per_s", title + ": job rate", run.jobPerS(), "events/s",
                "As the end-to-end rate, for this fleet and backend."));
    }

    /**
     * Each fleet's job rate on the heap and on RocksDB with incremental checkpoints, one after the
     * other; {@code rocksdb_over_heap} is the lowest of the fleets' ratios.
     */
    private static void backends(Options options, Path workDir, BenchReport report, Consumer<String> progress)
            throws Exception {
        double lowest = Double.NaN;
        for (StateFleet fleet : options.backendFleets()) {
            double ratio = backends(fleet, options, workDir, report, progress);
            lowest = Double.isNaN(lowest) ? ratio : Math.min(lowest, ratio);
        }
        report.add(new Measurement("rocksdb_over_heap", "RocksDB / heap, the lowest of the fleets", lowest, "ratio",
                "The lowest of the rocksdb_over_heap_<N>_hosts ratios of this run: the goal must hold for each fleet."));
    }

    private static double backends(StateFleet fleet, Options options, Path workDir, BenchReport report,
            Consumer<String> progress) throws Exception {
        long events = (long) fleet.hosts() * fleet.eventsPerHost();
        EndToEndThroughput.Result heap = EndToEndThroughput.run(events, fleet.hosts(), "hashmap", false, false,
                options.e2eTimeout(), workDir, progress);
        EndToEndThroughput.Result rocksdb = EndToEndThroughput.run(events, fleet.hosts(), "rocksdb", true, false,
                options.e2eTimeout(), workDir, progress);
        String setup = String.format("The end-to-end setup with %,d benign hosts and %,d events (the fleet's first "
                + "events in time order, about %d per host), run twice in this run: once with the hashmap state "
                + "backend, then with RocksDB and incremental checkpoints (every %d ms).", fleet.hosts(),
                heap.events(), fleet.eventsPerHost(), EndToEndThroughput.CHECKPOINT_INTERVAL_MS);
        String suffix = "_" + fleet.hosts() + "_hosts";
        String title = String.format(Locale.ROOT, ", %,d hosts", fleet.hosts());
        report.add(new Measurement("heap_events_per_s" + suffix, "Job rate on the heap (hashmap)" + title, heap.jobPerS(),
                "events/s", setup + " Rate as the end-to-end rate."));
        report.add(new Measurement("rocksdb_events_per_s" + suffix, "Job rate on RocksDB, incremental checkpoints" + title,
                rocksdb.jobPerS(), "events/s", "The second of those two runs."));
        double ratio = rocksdb.jobPerS() / heap.jobPerS();
        report.add(new Measurement("rocksdb_over_heap" + suffix, "RocksDB / heap" + title, ratio,
                "ratio", "The RocksDB run's rate divided by the heap run's, same fleet, same run."));
        report.note(String.format(Locale.ROOT, "Backends, %,d hosts: processing rates (as e2e_processing_events_per_s, "
                + "checkpoints and commits left out) %,.0f events/s on the heap (%.1f µs CPU per event) and %,.0f on "
                + "RocksDB (%.1f µs), %.3f; the committed rates above include each backend's own checkpointing "
                + "(full snapshots on the heap, incremental on RocksDB), which is what sets them apart at this "
                + "checkpoint interval.", fleet.hosts(), heap.processingPerS(), heap.processingCpuMicrosPerEvent(),
                rocksdb.processingPerS(), rocksdb.processingCpuMicrosPerEvent(),
                rocksdb.processingPerS() / heap.processingPerS()));
        return ratio;
    }

    private static void collector(Options options, BenchReport report, Consumer<String> progress) throws Exception {
        CollectorJmh.Result jmh = CollectorJmh.run("quick".equals(options.mode()), progress);
        String how = "JMH (" + jmh.settings() + ", throughput mode, one thread) of CollectorPathBenchmark: an "
                + "EVENT_RECORD laid out in native memory as ETW hands it to the callback, decoded by EventRecordDecoder, "
                + "filtered, numbered and JSON-encoded by RawRecordJson as the sender and KafkaRawProducer do. Per "
                + "core = operations per second of the fork's CPU time (CpuTimeProfiler; JIT and GC threads included, "
                + "so it errs low), which holds on shared cores where the wall-clock rate does not. Alone: `"
                + CollectorJmh.COMMAND + "` after a build.";
        report.add(new Measurement("collector_kernel_network_per_s", "Collector: Kernel-Network decode + encode",
                jmh.kernelNetworkPerS(), "events/s/core", how + " Kernel-Network TCP send, receive and connect over "
                + "IPv4 and IPv6 (ids 10, 11, 12, 26, 27, 28) in turn."));
        report.add(new Measurement("collector_dns_per_s", "Collector: DNS-Client 3008 decode + encode",
                jmh.dnsClientPerS(), "events/s/core", how + " DNS-Client 3008 with a one-address and a four-record answer in turn."));
        report.add(new Measurement("raw_json_parse_per_s", "Jobs: raw JSON parse", jmh.parseRawJsonPerS(),
                "events/s/core", "Same JMH run: RawEventCodec.decode (parse and contract validation into the codec's "
                + "map of props, as replay and the tools read records) of the JSON the two collector benchmarks produce."));
        report.add(new Measurement("parse_and_normalize_per_s", "Jobs: parse, validate and normalize as the job does",
                jmh.parseAndNormalizePerS(), "events/s/core", "Same JMH run and records: StreamedParser.parse, the "
                + "job's first step (the codec streams the validated props the job reads into reused slots, no map, "
                + "and the normalizer makes the EtwEvent)."));
    }

    static void goals(BenchReport report) {
        report.goal(new Goal("End to end >= 250,000 raw events/s on 2 cores", "e2e_events_per_s",
                GOAL_EVENTS_PER_S, true));
        report.goal(new Goal("End to end >= 50% of the parse-only baseline", "e2e_ratio", GOAL_RATIO, true));
        report.goal(new Goal("End to end >= 35% of the parse-only baseline (issue 18), checkpoint every 1 s",
                "e2e_ratio", GOAL_RATIO_FLEET_COST, true));
        report.goal(new Goal("End to end >= 35% of the parse-only baseline (issue 18), shipped checkpoint interval",
                "e2e_shipped_checkpoints_ratio", GOAL_RATIO_FLEET_COST, true));
        report.goal(new Goal("p99 event to alert < 2 s at 100,000 events/s", "latency_p99_ms", GOAL_P99_MS, false));
        report.goal(new Goal("< 1 KiB of state per active (process, destination) key", "checkpoint_bytes_per_key",
                GOAL_BYTES_PER_KEY, false));
        report.goal(new Goal("Job on RocksDB (incremental checkpoints) >= 70% of its rate on the heap",
                "rocksdb_over_heap", GOAL_ROCKSDB_OVER_HEAP, true));
        report.goal(new Goal("Collector: Kernel-Network decode + encode >= 1,000,000 events/s per core",
                "collector_kernel_network_per_s", GOAL_COLLECTOR_NETWORK_PER_S, true));
    }

    static BenchReport.Machine machine() {
        long physical = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            physical = os.getTotalMemorySize();
        }
        return new BenchReport.Machine(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                physical, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    /** {@code git rev-parse --short HEAD} in {@code repoDir}, "+dirty" with uncommitted changes to tracked files; "unknown" without git. */
    static String commit(Path repoDir) {
        String head = git(repoDir, "rev-parse", "--short=12", "HEAD");
        if (head == null || head.isEmpty()) {
            return "unknown";
        }
        String status = git(repoDir, "status", "--porcelain", "--untracked-files=no");
        return status == null || status.isEmpty() ? head : head + "+dirty";
    }

    private static String git(Path dir, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
