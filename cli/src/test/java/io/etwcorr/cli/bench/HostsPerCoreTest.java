package io.etwcorr.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HostsPerCoreTest {

    @Test
    void theSimulatedWorkstationSendsAFewEventsPerSecondOnceItsStartUpIsOver() {
        double perHost = HostsPerCore.hostEventsPerSecond();
        // An office workstation at default rates: about one to a few raw events per second, not its rundown burst.
        assertThat(perHost).isBetween(0.2, 20.0);
        assertThat(HostsPerCore.hostEventsPerSecond()).as("the same fleet every time").isEqualTo(perHost);
    }

    @Test
    void hostsPerCoreIsTheRatePerCoreOverTheRatePerHost() {
        assertThat(HostsPerCore.hostsPerCore(20_000, 2, 2.5)).isCloseTo(4_000, within(1e-9));
    }
}
