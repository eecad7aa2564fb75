package io.etwcorr.cli.evaluation;

import io.etwcorr.simulator.GridOptions;

/**
 * What to evaluate on: {@code cells} cells of the grid drawn with {@code seed}, laid out with
 * {@code options}, plus the demo story's implant on the last (clean) host; {@code coalesce}: as the
 * collectors send it with coalesced transfers on (docs/contract/raw-events.md, "Collector records").
 */
public record EvaluationPlan(long seed, int cells, GridOptions options, boolean coalesce) {

    /** Every Kernel-Network event as it is logged. */
    public EvaluationPlan(long seed, int cells, GridOptions options) {
        this(seed, cells, options, false);
    }
}
