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
    void hostsPerCoreIsACpuSecondOverTheCpuTimeOfOneHostsEvents() {
        // 50 µs per event, 2.5 events/s per host: a host costs 125 µs of CPU per second, a core keeps up with 8,000.
        assertThat(HostsPerCore.hostsPerCore(50, 2.5)).isCloseTo(8_000, within(1e-6));
    }
}
