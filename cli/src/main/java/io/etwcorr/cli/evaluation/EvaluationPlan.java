package io.etwcorr.cli.evaluation;

import io.etwcorr.simulator.GridOptions;

/**
 * What to evaluate on: {@code cells} cells of the grid drawn with {@code seed}, laid out with
 * {@code options}, plus the demo story's implant on the last (clean) host.
 */
public record EvaluationPlan(long seed, int cells, GridOptions options) {
}
