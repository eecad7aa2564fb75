package io.etwcorr.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.etwcorr.testkit.arch.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** The test kit builds on the contract only, so every module's tests (the collector's too) can use it. */
class ProductionCodeArchitectureTest {
    private static final JavaClasses CLASSES = ModuleBoundaries.productionClasses("io.etwcorr.testkit");

    @Test
    void usesOnlyTheModulesItMay() {
        ModuleBoundaries.dependsOnlyOn("io.etwcorr.testkit", "io.etwcorr.schemas").check(CLASSES);
    }

    @Test
    void itsPackagesFormNoCycle() {
        ModuleBoundaries.packagesFreeOfCycles("io.etwcorr.testkit").check(CLASSES);
    }
}
