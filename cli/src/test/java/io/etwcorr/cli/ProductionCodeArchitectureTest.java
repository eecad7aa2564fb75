package io.etwcorr.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.etwcorr.testkit.arch.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** The command line may use every module; its own packages (bench, evaluation, survey) still form no cycle. */
class ProductionCodeArchitectureTest {
    @Test
    void itsPackagesFormNoCycle() {
        JavaClasses classes = ModuleBoundaries.productionClasses("io.etwcorr.cli");
        ModuleBoundaries.packagesFreeOfCycles("io.etwcorr.cli").check(classes);
    }
}
