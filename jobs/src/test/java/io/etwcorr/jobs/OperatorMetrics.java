package io.etwcorr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * The metrics an operator registers in a test harness, readable by the test: the harnesses' default
 * metric groups forget what is registered, this task group hands the operator one that keeps it.
 */
public final class OperatorMetrics extends InterceptingTaskMetricGroup {
    private final InterceptingOperatorMetricGroup operator = new InterceptingOperatorMetricGroup();

    @Override
    public InternalOperatorMetricGroup getOrAddOperator(OperatorID operatorId, String name,
            Map<String, String> additionalVariables) {
        return operator;
    }

    /** A task environment for a harness whose operator reports into this group; the test closes it. */
    public MockEnvironment environment() {
        return new MockEnvironmentBuilder().setMetricGroup(this).build();
    }

    /** The current value of the counter the operator registered under {@code name}. */
    public long count(String name) {
        Metric metric = operator.get(name);
        assertThat(metric).as("counter %s", name).isInstanceOf(Counter.class);
        return ((Counter) metric).getCount();
    }
}
