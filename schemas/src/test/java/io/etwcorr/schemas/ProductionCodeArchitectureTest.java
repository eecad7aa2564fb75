package io.etwcorr.schemas;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The contract module is the bottom of the graph: it uses no other module (the test kit's rules build on it). */
class ProductionCodeArchitectureTest {
    @Test
    void theContractUsesNoOtherModule() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.etwcorr.schemas");
        noClasses().that().resideInAPackage("io.etwcorr.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage("io.etwcorr.collector..", "io.etwcorr.jobs..",
                        "io.etwcorr.simulator..", "io.etwcorr.testkit..", "io.etwcorr.cli..")
                .check(classes);
    }
}
