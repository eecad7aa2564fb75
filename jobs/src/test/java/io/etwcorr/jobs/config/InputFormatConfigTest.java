package io.etwcorr.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputFormatConfigTest {

    @Test
    void theInputIsRawEventsUnlessSetToSysmon() {
        assertThat(ConfigLoader.defaults().input.format).isEqualTo(InputFormat.RAW);
        assertThat(ConfigLoader.load(null, List.of("input.format=sysmon")).input.format).isEqualTo(InputFormat.SYSMON);
        assertThat(ConfigLoader.derive(ConfigLoader.defaults(), List.of("input.format=Sysmon")).input.format)
                .isEqualTo(InputFormat.SYSMON);
    }

    @Test
    void anUnknownFormatIsAnErrorThatNamesTheKnownOnes() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("input.format=evtx")))
                .hasMessageContaining("input.format")
                .hasMessageContaining("unknown input format 'evtx', expected one of [raw, sysmon]");
    }
}
