package io.etwcorr.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Windows version line from the registry's CurrentVersion values, as the self-test prints it. */
class NativeHostQueriesTest {

    @Test
    void namesWindows11AlthoughItsRegistryStillSaysWindows10() {
        assertThat(NativeHostQueries.describeWindows("Windows 10 Pro", "23H2", "22631", 3447))
                .isEqualTo("Windows 11 Pro 23H2, build 22631.3447");
        assertThat(NativeHostQueries.describeWindows("Windows 10 Enterprise", "22H2", "19045", 4291))
                .isEqualTo("Windows 10 Enterprise 22H2, build 19045.4291");
    }

    @Test
    void leavesOutWhatAnOlderBuildDoesNotRecord() {
        assertThat(NativeHostQueries.describeWindows("Windows Server 2016 Datacenter", null, "14393", null))
                .isEqualTo("Windows Server 2016 Datacenter, build 14393");
        assertThat(NativeHostQueries.describeWindows(null, null, null, null)).isEqualTo("Windows");
    }
}
