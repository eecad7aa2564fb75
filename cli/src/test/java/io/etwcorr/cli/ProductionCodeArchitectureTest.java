package io.etwcorr.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.etwcorr.testkit.arch.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** The command line may use every module; its own packages (bench, evaluation, survey) still form no cycle, and it never changes a loaded config. */
class ProductionCodeArchitectureTest {
    private static final JavaClasses CLASSES = ModuleBoundaries.productionClasses("io.etwcorr.cli");

    @Test
    void itsPackagesFormNoCycle() {
        ModuleBoundaries.packagesFreeOfCycles("io.etwcorr.cli").check(CLASSES);
    }

    @Test
    void aLoadedConfigIsNeverChanged() {
        ModuleBoundaries.configIsNotChangedAfterLoad("io.etwcorr.cli").check(CLASSES);
    }
}
