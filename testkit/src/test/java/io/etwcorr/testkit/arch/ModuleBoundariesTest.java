package io.etwcorr.testkit.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.etwcorr.testkit.arch.sample.ConfigReader;
import io.etwcorr.testkit.arch.sample.ConfigWriter;
import io.etwcorr.testkit.arch.sample.config.SampleConfig;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {
    private static final String SAMPLE = "io.etwcorr.testkit.arch.sample";

    @Test
    void writingAConfigFieldOutsideTheConfigPackageIsAViolation() {
        EvaluationResult result = ModuleBoundaries.configIsNotChangedAfterLoad(SAMPLE)
                .evaluate(new ClassFileImporter().importClasses(SampleConfig.class, ConfigReader.class, ConfigWriter.class));
        assertThat(result.getFailureReport().getDetails())
                .singleElement().asString().contains(ConfigWriter.class.getName(), "threshold");
    }

    @Test
    void readingAConfigIsNot() {
        EvaluationResult result = ModuleBoundaries.configIsNotChangedAfterLoad(SAMPLE)
                .evaluate(new ClassFileImporter().importClasses(SampleConfig.class, ConfigReader.class));
        assertThat(result.hasViolation()).isFalse();
    }
}
