package io.etwcorr.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;

/**
 * The arrows between the project's modules (README, "Modules"), as ArchUnit rules over one
 * module's production classes. Each module's {@code ProductionCodeArchitectureTest} checks its own.
 */
public final class ModuleBoundaries {
    /** The root package of every module, by module directory. */
    public static final List<String> MODULES = List.of("io.etwcorr.schemas", "io.etwcorr.collector", "io.etwcorr.jobs",
            "io.etwcorr.simulator", "io.etwcorr.testkit", "io.etwcorr.cli");

    private ModuleBoundaries() {}

    /** The production classes (no tests) of the module whose root package is {@code rootPackage}. */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** No class of {@code rootPackage} uses a module other than itself and {@code allowed}. */
    public static ArchRule dependsOnlyOn(String rootPackage, String... allowed) {
        List<String> allowedModules = Arrays.asList(allowed);
        String[] forbidden = MODULES.stream()
                .filter(module -> !module.equals(rootPackage) && !allowedModules.contains(module))
                .map(module -> module + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because(rootPackage + " may use only " + (allowed.length == 0 ? "itself" : String.join(", ", allowed)));
    }

    /**
     * No class of {@code rootPackage} outside a {@code config} package writes a field of a config class:
     * a loaded config is never changed, a variant is a derived copy (YamlConfig.derive).
     */
    public static ArchRule configIsNotChangedAfterLoad(String rootPackage) {
        DescribedPredicate<JavaFieldAccess> configField = DescribedPredicate.describe("a field of a config class",
                access -> access.getTargetOwner().getPackageName().matches(".*\\.config(\\..*)?"));
        return noClasses().that().resideInAPackage(rootPackage + "..").and().resideOutsideOfPackage("..config..")
                .should().setFieldWhere(configField)
                .because("a loaded config is never changed: derive a copy with the changed keys instead");
    }

    /** The packages right below {@code rootPackage} form no cycle. */
    public static ArchRule packagesFreeOfCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }
}
