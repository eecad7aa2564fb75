package io.etwcorr.collector.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceCommandLineTest {
    @Test
    void pathsWithSpacesAreQuotedSoTheScmCannotStartAnotherBinary() {
        assertThat(ServiceCommandLine.of(List.of("C:\\Program Files\\etwcorr\\etwcorr.exe", "collector", "service",
                "--config", "C:\\ProgramData\\etwcorr\\collector.yaml")))
                .isEqualTo("\"C:\\Program Files\\etwcorr\\etwcorr.exe\" collector service --config "
                        + "C:\\ProgramData\\etwcorr\\collector.yaml");
    }

    @Test
    void quotesAndTrailingBackslashesSurviveWindowsArgumentParsing() {
        assertThat(ServiceCommandLine.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(ServiceCommandLine.quote("C:\\dir with space\\")).isEqualTo("\"C:\\dir with space\\\\\"");
        assertThat(ServiceCommandLine.quote("a\\\\\"b")).isEqualTo("\"a\\\\\\\\\\\"b\"");
        assertThat(ServiceCommandLine.quote("")).isEqualTo("\"\"");
        assertThat(ServiceCommandLine.quote("plain")).isEqualTo("plain");
    }
}
