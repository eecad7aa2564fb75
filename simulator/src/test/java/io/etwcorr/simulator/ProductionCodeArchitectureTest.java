package io.etwcorr.simulator;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.etwcorr.testkit.arch.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** The simulator writes the contract's records and knows nothing of the collector or the job it feeds. */
class ProductionCodeArchitectureTest {
    private static final JavaClasses CLASSES = ModuleBoundaries.productionClasses("io.etwcorr.simulator");

    @Test
    void usesOnlyTheModulesItMay() {
        ModuleBoundaries.dependsOnlyOn("io.etwcorr.simulator", "io.etwcorr.schemas").check(CLASSES);
    }

    @Test
    void itsPackagesFormNoCycle() {
        ModuleBoundaries.packagesFreeOfCycles("io.etwcorr.simulator").check(CLASSES);
    }
}
