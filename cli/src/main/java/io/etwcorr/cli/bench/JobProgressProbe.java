package io.etwcorr.cli.bench;

import io.etwcorr.jobs.CorrelationPipeline;
import io.etwcorr.jobs.normalize.ParseAndNormalize;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.runtime.metrics.MetricNames;

/**
 * How far the job has got, live, in this JVM: a Flink metric reporter that keeps two sets of task
 * counters of a local cluster, the records its parse has taken in ({@code recordsIn}) and the events
 * the host sequencer, which every event passes once, has taken in ({@code numRecordsIn}). The
 * end-to-end stage times the job with them, so its window does not depend on the checkpoint interval
 * (committed offsets advance only once per checkpoint, 10 s with the shipped default).
 */
public final class JobProgressProbe implements MetricReporter {
    private static final String NAME = "etwcorr_bench_progress";
    private static final String OPERATOR_NAME = "<operator_name>";
    private static final Set<Counter> PARSED = ConcurrentHashMap.newKeySet();
    private static final Set<Counter> SEQUENCED = ConcurrentHashMap.newKeySet();

    /** Registers the probe in a local cluster's configuration; counts start from zero. */
    static void install(Configuration flink) {
        PARSED.clear();
        SEQUENCED.clear();
        flink.setString("metrics.reporter." + NAME + ".factory.class", Factory.class.getName());
    }

    /** Records parsed so far by the tasks of the cluster the probe was installed in. */
    static long parsed() {
        return sum(PARSED);
    }

    /** Events the host sequencer has taken in so far. */
    static long sequenced() {
        return sum(SEQUENCED);
    }

    private static long sum(Set<Counter> counters) {
        long sum = 0;
        for (Counter counter : counters) {
            sum += counter.getCount();
        }
        return sum;
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        if (!(metric instanceof Counter counter)) {
            return;
        }
        if (ParseAndNormalize.RECORDS_IN_METRIC.equals(metricName)) {
            PARSED.add(counter);
        } else if (MetricNames.IO_NUM_RECORDS_IN.equals(metricName)
                && CorrelationPipeline.SEQUENCER_NAME.equals(group.getAllVariables().get(OPERATOR_NAME))) {
            SEQUENCED.add(counter);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // kept: a finished task's count still belongs to the run
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    /** Found by Flink through {@code META-INF/services}, named in the configuration by {@link #install}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new JobProgressProbe();
        }
    }
}
