package io.etwcorr.cli;

import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.jobs.KafkaCorrelationJob;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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

    /** What to run. {@code webUiPort} 0 runs without the web UI. */
    record Options(int hosts, double speed, long seed, int webUiPort) {
    }

    private final EmbeddedKafka kafka;
    private final JobClient job;
    private final KafkaRawProducer producer;
    private final FleetFeeder feeder;
    private final AlertTail alerts;
    private final AtomicLong alertCount;
    private final String webUi;

    private Demo(EmbeddedKafka kafka, JobClient job, KafkaRawProducer producer, FleetFeeder feeder, AlertTail alerts,
            AtomicLong alertCount, String webUi) {
        this.kafka = kafka;
        this.job = job;
        this.producer = producer;
        this.feeder = feeder;
        this.alerts = alerts;
        this.alertCount = alertCount;
        this.webUi = webUi;
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
                flink.set(RestOptions.BIND_PORT, options.webUiPort() + "-" + (options.webUiPort() + 20));
                env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
                webUi = "http://localhost:" + options.webUiPort() + " (or the next free port)";
            } else {
                env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
            }
            JobClient job = KafkaCorrelationJob.start(env, config);

            FleetSpec fleet = new FleetSpec(options.seed(), options.hosts(), System.currentTimeMillis() * 1000,
                    SIMULATED_SECONDS, 1.0, List.of(ImplantSpec.story(0)), BenignMix.defaults());
            KafkaRawProducer producer = new KafkaRawProducer(kafka.bootstrapServers(), topics.raw, Map.of());
            FleetFeeder feeder = new FleetFeeder(fleet, options.speed(), producer);
            AtomicLong alertCount = new AtomicLong();
            AlertTail alerts = new AlertTail(kafka.bootstrapServers(), topics.anomalies, true, Map.of(), json -> {
                alertCount.incrementAndGet();
                onAlert.accept(json);
            });
            daemon("etwcorr-fleet", feeder);
            daemon("etwcorr-alerts", alerts);
            return new Demo(kafka, job, producer, feeder, alerts, alertCount, webUi);
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
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

    @Override
    public void close() {
        feeder.stop();
        alerts.stop();
        try {
            job.cancel().get();
        } catch (Exception e) {
            LOG.warn("the correlation job did not cancel cleanly", e);
        }
        producer.close();
        kafka.close();
    }
}
