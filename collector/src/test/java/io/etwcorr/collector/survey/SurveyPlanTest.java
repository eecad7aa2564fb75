package io.etwcorr.collector.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.collector.etw.RegisteredProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SurveyPlanTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @Test
    void batchesTheManifestProvidersInNameOrderAndSkipsClassicOnes() {
        List<RegisteredProvider> registered = List.of(provider(1, "zeta", false), provider(2, "Alpha", false),
                provider(3, "MSNT_SystemTrace", true), provider(4, "beta", false), provider(5, "Gamma", false),
                provider(6, "delta", false));

        SurveyPlan plan = SurveyPlan.of(registered, 2, WINDOW, false);

        assertThat(plan.batches()).extracting(batch -> batch.stream().map(RegisteredProvider::name).toList())
                .containsExactly(List.of("Alpha", "beta"), List.of("delta", "Gamma"), List.of("zeta"));
        assertThat(plan.skipped()).containsOnlyKeys(provider(3, "MSNT_SystemTrace", true))
                .containsValue(SurveyPlan.CLASSIC_PROVIDER);
        assertThat(plan.providerCount()).isEqualTo(5);
    }

    @Test
    void aProviderListedTwiceIsSurveyedOnce() {
        SurveyPlan plan = SurveyPlan.of(List.of(provider(1, "b-name", false), provider(1, "a-name", false)), 10, WINDOW, false);

        assertThat(plan.batches()).containsExactly(List.of(provider(1, "a-name", false)));
    }

    @Test
    void aRealisticHostIsSurveyedInMinutes() {
        List<RegisteredProvider> registered = new ArrayList<>();
        for (int i = 0; i < 1_150; i++) {
            registered.add(provider(i, "Provider-" + i, i % 10 == 0));
        }

        SurveyPlan baseline = SurveyPlan.of(registered, SurveyPlan.DEFAULT_BATCH_SIZE, SurveyPlan.DEFAULT_WINDOW, false);
        SurveyPlan withStimulus = SurveyPlan.of(registered, SurveyPlan.DEFAULT_BATCH_SIZE, SurveyPlan.DEFAULT_WINDOW, true);

        // 1,035 manifest providers in 6 sessions: a 10 s window each plus a second to set each up.
        assertThat(baseline.batches()).hasSize(6);
        assertThat(baseline.skipped()).hasSize(115);
        assertThat(baseline.estimatedDuration()).isEqualTo(Duration.ofSeconds(66));
        assertThat(withStimulus.estimatedDuration()).isEqualTo(Duration.ofSeconds(126));
        assertThat(withStimulus.remainingAfter(4)).isEqualTo(Duration.ofSeconds(42));
        assertThat(withStimulus.remainingAfter(6)).isZero();
    }

    @Test
    void rejectsAnEmptyBatchOrWindow() {
        assertThatThrownBy(() -> SurveyPlan.of(List.of(), 0, WINDOW, false))
                .hasMessage("a batch needs at least 1 provider, not 0");
        assertThatThrownBy(() -> SurveyPlan.of(List.of(), 10, Duration.ZERO, false))
                .hasMessage("the survey window must be longer than 0, not PT0S");
    }

    private static RegisteredProvider provider(int number, String name, boolean classic) {
        return new RegisteredProvider(new UUID(0x1234L, number), name, classic);
    }
}
