package io.etwcorr.cli.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.simulator.CorpusGrid;
import io.etwcorr.simulator.GridCell;
import io.etwcorr.simulator.GridOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionEvaluationTest {
    /** Seed 3's first four cells sleep at most 60 s, so the corpus spans under two hours. */
    private static final EvaluationPlan PLAN = new EvaluationPlan(3, 4, GridOptions.defaults());

    @Test
    void evaluatesASmallCorpusEndToEndAndFindsTheStoryWithItsPatientZero() throws Exception {
        assertThat(CorpusGrid.sample(PLAN.seed(), PLAN.cells())).allMatch(cell -> cell.sleepS() <= 60, GridCell.class.getSimpleName());
        List<String> stages = new ArrayList<>();
        EvaluationResult result = DetectionEvaluation.run(PLAN, stages::add);

        assertThat(stages).hasSize(3);
        assertThat(result.implants()).hasSize(5);
        ImplantOutcome story = result.implants().get(4);
        assertThat(story.truth().destination()).isEqualTo("cdn.update-check.example");
        assertThat(story.truth().patientZero().name()).isEqualTo("winword.exe");
        assertThat(story.ours().detected()).isTrue();
        assertThat(story.ours().patientZeroCorrect()).isTrue();
        assertThat(story.ours().lineageCorrect()).isTrue();
        assertThat(result.benignPairs()).isPositive();

        String report = DetectionReport.markdown(result, RunInfo.here("abc1234", "./etwcorr detection-report --cells 4 --seed 3"));
        assertThat(report).contains("# Detection evaluation", "## Targets", "Recall, jitter ≤ 30 %",
                "False positives per 10,000 benign pairs", "## Where it falls short and why", "| story |", "abc1234");
    }
}
