package io.etwcorr.collector.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stimulus does for real what it reports; off Windows its child is a POSIX shell. */
class HostStimulusTest {

    @Test
    void resolvesConnectsExchangesTheByteCountsAndRunsTheChild() throws Exception {
        assumeFalse(Platform.isWindows());

        StimulusReport done = new HostStimulus("localhost", List.of("/bin/sh", "-c", "exit 3")).perform();

        assertThat(done.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(done.resolvedName()).isEqualTo("localhost");
        assertThat(done.resolvedAddresses()).isNotEmpty();
        assertThat(done.listenerAddress()).isEqualTo("127.0.0.1");
        assertThat(done.listenerPort()).isPositive();
        assertThat(done.clientPort()).isPositive().isNotEqualTo(done.listenerPort());
        assertThat(done.bytesToListener()).isEqualTo(HostStimulus.BYTES_TO_LISTENER);
        assertThat(done.bytesFromListener()).isEqualTo(HostStimulus.BYTES_FROM_LISTENER);
        assertThat(done.childPid()).isPositive().isNotEqualTo(done.pid());
        assertThat(done.childImage()).isEqualTo("sh");
        assertThat(done.childExitCode()).isEqualTo(3);
    }

    @Test
    void aNameThatDoesNotResolveIsReportedWithoutAddresses() throws Exception {
        assumeFalse(Platform.isWindows());

        StimulusReport done = new HostStimulus("no-such-host.invalid", List.of("/bin/sh", "-c", "exit 0")).perform();

        assertThat(done.resolvedAddresses()).isEmpty();
        assertThat(done.childExitCode()).isZero();
    }

    @Test
    void namesTheChildImageAsKernelProcessDoes() {
        assertThat(HostStimulus.imageName("C:\\Windows\\System32\\cmd.exe")).isEqualTo("cmd.exe");
        assertThat(HostStimulus.imageName("/bin/sh")).isEqualTo("sh");
    }
}
