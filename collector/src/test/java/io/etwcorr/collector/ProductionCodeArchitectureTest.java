package io.etwcorr.collector;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.etwcorr.testkit.arch.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** The agent that goes to every Windows host uses the contract only: no simulator, job, CLI or test kit. */
class ProductionCodeArchitectureTest {
    private static final JavaClasses CLASSES = ModuleBoundaries.productionClasses("io.etwcorr.collector");

    @Test
    void usesOnlyTheModulesItMay() {
        ModuleBoundaries.dependsOnlyOn("io.etwcorr.collector", "io.etwcorr.schemas").check(CLASSES);
    }

    @Test
    void itsPackagesFormNoCycle() {
        ModuleBoundaries.packagesFreeOfCycles("io.etwcorr.collector").check(CLASSES);
    }

    @Test
    void aLoadedConfigIsNeverChanged() {
        ModuleBoundaries.configIsNotChangedAfterLoad("io.etwcorr.collector").check(CLASSES);
    }
}
