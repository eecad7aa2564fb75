package io.etwcorr.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusGridTest {

    @Test
    void theFullGridHoldsEveryCombinationOnce() {
        List<GridCell> cells = CorpusGrid.cells();
        assertThat(cells).hasSize(CorpusGrid.FULL_SIZE).hasSize(720).doesNotHaveDuplicates();
    }

    @Test
    void aSampleIsASeededSubsetInGridOrder() {
        List<GridCell> sample = CorpusGrid.sample(3, 60);
        assertThat(sample).hasSize(60).doesNotHaveDuplicates().isEqualTo(CorpusGrid.sample(3, 60));
        assertThat(CorpusGrid.cells()).containsSubsequence(sample);
        assertThat(CorpusGrid.sample(4, 60)).isNotEqualTo(sample);
    }

    @Test
    void theFleetLastsLongEnoughForFifteenHourlyCallbacks() {
        List<GridCell> hourly = CorpusGrid.cells().stream().filter(c -> c.sleepS() == 3600).toList();
        FleetSpec fleet = CorpusGrid.fleet(1, hourly, GridOptions.defaults());
        assertThat(fleet.durationS()).isGreaterThanOrEqualTo(15 * 3600);
        assertThat(fleet.implants()).hasSize(hourly.size());
        assertThat(fleet.hosts()).isEqualTo(hourly.size() / 4 + GridOptions.defaults().cleanHosts());
        // 15 callbacks span at least 14 of the shortest intervals.
        assertThat(fleet.implants()).allMatch(i -> i.activeForS() >= 14 * i.jitterKind().lowest(i.sleepS(), i.jitter()));
    }

    @Test
    void everyImplantOfAGeneratedGridReachesItsMinimumCallbacks() {
        List<GridCell> cells = CorpusGrid.cells().stream().filter(c -> c.sleepS() == 5 && c.jitter() == 0.5).toList();
        GridOptions options = new GridOptions(4, 1, 0.02, 15, 0);
        FleetSpec fleet = CorpusGrid.fleet(2, cells, options);
        GroundTruth truth = FleetSimulator.groundTruth(fleet);
        assertThat(truth.implants()).hasSize(cells.size());
        assertThat(truth.implants()).allSatisfy(implant -> assertThat(implant.callbackMicros()).hasSizeGreaterThanOrEqualTo(15));
    }
}
