package io.etwcorr.jobs.evaluation;

import io.etwcorr.collector.simulate.GridOptions;

/**
 * What to evaluate on: {@code cells} cells of the grid drawn with {@code seed}, laid out with
 * {@code options}, plus the demo story's implant on the last (clean) host.
 */
public record EvaluationPlan(long seed, int cells, GridOptions options) {
}
