package io.etwcorr.cli;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.jobs.KafkaCorrelationJob;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import io.etwcorr.cli.report.ReportServer;
import io.etwcorr.cli.report.RunModel;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default, running: an in-process Kafka broker with the topics, the correlation job
 * in a local MiniCluster (with the Flink web UI), a simulated fleet playing into etw.raw, and a
 * reader of etw.anomalies. {@link #close()} stops it all, in the reverse order.
 */
final class Demo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    /** Simulated time the demo fleet covers; at the default speed that is more than an hour of wall time. */
    private static final long SIMULATED_SECONDS = Duration.ofDays(1).toSeconds();

    /** What to run. {@code webUiPort} 0 runs without the web UI, {@code reportPort} 0 without the report page. */
    record Options(int hosts, double speed, long seed, int webUiPort, int reportPort) {
    }

    private static final long STOP_WAIT_MS = 10_000;

    private final EmbeddedKafka kafka;
    private final JobClient job;
    private final KafkaRawProducer producer;
    private final FleetFeeder feeder;
    private final List<Thread> threads;
    private final List<AlertTail> tails;
    private final AtomicLong alertCount;
    private final String webUi;
    private final ReportServer report;
    private final RunModel run;
    private final long startMicros;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Demo(EmbeddedKafka kafka, JobClient job, KafkaRawProducer producer, FleetFeeder feeder, List<AlertTail> tails,
            List<Thread> threads, AtomicLong alertCount, String webUi, ReportServer report, RunModel run, long startMicros) {
        this.kafka = kafka;
        this.job = job;
        this.producer = producer;
        this.feeder = feeder;
        this.tails = tails;
        this.threads = threads;
        this.alertCount = alertCount;
        this.webUi = webUi;
        this.report = report;
        this.run = run;
        this.startMicros = startMicros;
    }

    static Demo start(Options options, Consumer<String> onAlert) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            EtwcorrConfig config = ConfigLoader.load(null, List.of(
                    "kafka.bootstrapServers=" + kafka.bootstrapServers(),
                    "job.checkpointIntervalMs=2000", // alerts become visible (read_committed) at each checkpoint
                    "correlation.idleHostFlushSeconds=30"));
            EtwcorrConfig.Topics topics = config.kafka.topics;
            kafka.createTopics(4, topics.raw);
            kafka.createTopics(2, topics.anomalies, topics.connections, topics.flows, topics.health, topics.deadletter);

            Configuration flink = KafkaCorrelationJob.flinkConfiguration(config, true);
            StreamExecutionEnvironment env;
            String webUi = null;
            if (options.webUiPort() > 0) {
                // the port was checked free before anything started; bound to this host only
                flink.set(RestOptions.BIND_ADDRESS, InetAddress.getLoopbackAddress().getHostAddress());
                flink.set(RestOptions.BIND_PORT, String.valueOf(options.webUiPort()));
                env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
                webUi = "http://localhost:" + options.webUiPort();
            } else {
                env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
            }
            JobClient job = KafkaCorrelationJob.start(env, config);

            FleetSpec fleet = new FleetSpec(options.seed(), options.hosts(), System.currentTimeMillis() * 1000,
                    SIMULATED_SECONDS, 1.0, List.of(ImplantSpec.story(0)), BenignMix.defaults());
            KafkaRawProducer producer = new KafkaRawProducer(kafka.bootstrapServers(), topics.raw, Map.of());
            // The hosts send what collectors with the shipped defaults send: coalesced transfers.
            FleetFeeder feeder = new FleetFeeder(fleet, options.speed(), producer, new CollectorConfig().coalesce.settings());
            AtomicLong alertCount = new AtomicLong();
            RunModel run = new RunModel();
            List<AlertTail> tails = new ArrayList<>();
            tails.add(new AlertTail(kafka.bootstrapServers(), topics.anomalies, true, Map.of(), json -> {
                if (!AlertRenderer.isUpdate(json)) {
                    alertCount.incrementAndGet(); // an update belongs to an episode already counted
                }
                run.accept(RunModel.Stream.ANOMALIES, json);
                onAlert.accept(json);
            }));
            ReportServer report = null;
            if (options.reportPort() > 0) {
                tails.add(tail(kafka, topics.connections, run, RunModel.Stream.CONNECTIONS));
                tails.add(tail(kafka, topics.flows, run, RunModel.Stream.FLOWS));
                tails.add(tail(kafka, topics.health, run, RunModel.Stream.HEALTH));
                tails.add(tail(kafka, topics.deadletter, run, RunModel.Stream.DEADLETTER));
                report = ReportServer.start(options.reportPort(), run, "etwcorr demo (live, refreshes every 10 s)");
            }
            List<Thread> threads = new ArrayList<>();
            threads.add(daemon("etwcorr-fleet", feeder));
            for (AlertTail tail : tails) {
                threads.add(daemon("etwcorr-tail", tail));
            }
            return new Demo(kafka, job, producer, feeder, tails, threads, alertCount, webUi, report, run,
                    fleet.startMicros());
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
    }

    private static AlertTail tail(EmbeddedKafka kafka, String topic, RunModel run, RunModel.Stream stream) {
        return new AlertTail(kafka.bootstrapServers(), topic, true, Map.of(), json -> run.accept(stream, json));
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * How far the job's event time (its newest health interval) trails the fleet's simulated time, µs;
     * -1 while unknown (no health record yet, or the report page is off: nothing reads the health topic).
     */
    long jobLagMicros() {
        Instant newest = run.newestHealth();
        if (newest.equals(Instant.EPOCH)) {
            return -1;
        }
        long jobMicros = TimeUnit.SECONDS.toMicros(newest.getEpochSecond()) + newest.getNano() / 1000 - startMicros;
        return Math.max(0, feeder.simulatedMicros() - jobMicros);
    }

    /** The live report page's address, or null when it is off. */
    String reportPage() {
        return report == null ? null : report.address();
    }

    long produced() {
        return feeder.produced();
    }

    long simulatedMicros() {
        return feeder.simulatedMicros();
    }

    long alerts() {
        return alertCount.get();
    }

    /** The web UI address, or null when it is off. */
    String webUi() {
        return webUi;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Stops in order, each part before what it depends on: the fleet feeder, the job, the readers and
     * the report page, then Kafka. Safe to call twice (Ctrl-C during a timed stop).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        feeder.stop();
        join(threads.get(0));
        producer.close();
        quietShutdownLogging();
        try {
            job.cancel().get(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("the correlation job did not cancel within {} ms: {}", STOP_WAIT_MS, e.toString());
        }
        tails.forEach(AlertTail::stop);
        threads.subList(1, threads.size()).forEach(Demo::join);
        if (report != null) {
            report.close();
        }
        kafka.close();
    }

    /**
     * Cancelling the job fails its checkpoint in flight and its RPC endpoints drop their last heartbeats:
     * expected when stopping, each a WARN (one with a stack trace). Only for the shutdown, not while running.
     */
    private static void quietShutdownLogging() {
        Configurator.setLevel("org.apache.flink.runtime.checkpoint.CheckpointFailureManager", Level.ERROR);
        Configurator.setLevel("org.apache.flink.runtime.rpc.RpcEndpoint$MainThreadExecutor", Level.ERROR);
    }

    private static void join(Thread thread) {
        try {
            thread.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
