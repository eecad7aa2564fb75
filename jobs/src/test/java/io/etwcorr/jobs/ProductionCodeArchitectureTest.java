package io.etwcorr.jobs;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.etwcorr.testkit.arch.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** The job jar holds the job only: it uses the contract, never the collector, the simulator, the CLI or the test kit. */
class ProductionCodeArchitectureTest {
    private static final JavaClasses CLASSES = ModuleBoundaries.productionClasses("io.etwcorr.jobs");

    @Test
    void usesOnlyTheModulesItMay() {
        ModuleBoundaries.dependsOnlyOn("io.etwcorr.jobs", "io.etwcorr.schemas").check(CLASSES);
    }

    @Test
    void itsPackagesFormNoCycle() {
        ModuleBoundaries.packagesFreeOfCycles("io.etwcorr.jobs").check(CLASSES);
    }

    @Test
    void aLoadedConfigIsNeverChanged() {
        ModuleBoundaries.configIsNotChangedAfterLoad("io.etwcorr.jobs").check(CLASSES);
    }
}
