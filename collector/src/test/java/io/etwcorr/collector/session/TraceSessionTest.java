package io.etwcorr.collector.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.schemas.etw.EtwProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceSessionTest {
    private static final String NAME = "etwcorr-test";

    private final FakeEtwApi api = new FakeEtwApi();
    private final TraceSession session = new TraceSession(api, NAME, BufferSettings.DEFAULT, ProviderSpec.defaults());

    @Test
    void startsWithLargeBuffersAndEnablesTheCorrelatedProviders() {
        session.start();

        assertThat(api.startedWith()).isEqualTo(new BufferSettings(256, 64, 128));
        assertThat(api.calls).containsExactly("start " + NAME,
                "enable Microsoft-Windows-Kernel-Process", "capture Microsoft-Windows-Kernel-Process",
                "enable Microsoft-Windows-DNS-Client", "enable Microsoft-Windows-Kernel-Network", "query " + NAME);
        assertThat(api.enabled).extracting(ProviderSpec::guid, ProviderSpec::matchAnyKeyword, ProviderSpec::level)
                .containsExactly(
                        tuple(EtwProvider.KERNEL_PROCESS.guid(), 0x30L, 5),
                        tuple(EtwProvider.DNS_CLIENT.guid(), 0L, 5),
                        tuple(EtwProvider.KERNEL_NETWORK.guid(), 0x30L, 5));
        assertThat(api.captureStateRequested).extracting(ProviderSpec::guid).containsExactly(EtwProvider.KERNEL_PROCESS.guid());
        assertThat(session.isRunning()).isTrue();
        assertThat(session.providerNames()).containsExactly("Microsoft-Windows-Kernel-Process",
                "Microsoft-Windows-DNS-Client", "Microsoft-Windows-Kernel-Network");
    }

    @Test
    void readsBackTheLoggingModeEtwRunsTheSessionWith() {
        int withoutIndependentMode = EtwConstants.EVENT_TRACE_REAL_TIME_MODE;
        api.reportLogFileMode(withoutIndependentMode);

        assertThat(session.logFileMode()).as("before any query").isEmpty();
        session.start();

        assertThat(session.logFileMode()).hasValue(withoutIndependentMode);
    }

    @Test
    void replacesAStaleSessionOfTheSameName() {
        api.startReturning(EtwConstants.ERROR_ALREADY_EXISTS);

        session.start();

        assertThat(api.calls.subList(0, 4)).containsExactly("start " + NAME, "stop " + NAME, "start " + NAME,
                "enable Microsoft-Windows-Kernel-Process");
        assertThat(session.isRunning()).isTrue();
    }

    @Test
    void failsWithTheWin32StatusWhenTheSessionCannotStart() {
        api.startReturning(5);

        assertThatThrownBy(session::start).isInstanceOfSatisfying(EtwCallException.class, e -> {
            assertThat(e.call()).isEqualTo("StartTraceW");
            assertThat(e.status()).isEqualTo(5);
        });
        assertThat(session.isRunning()).isFalse();
        assertThat(api.enabled).isEmpty();
    }

    @Test
    void stopsTheSessionAgainWhenAProviderCannotBeEnabled() {
        api.enableReturning(EtwProvider.DNS_CLIENT.guid(), 87);

        assertThatThrownBy(session::start).isInstanceOf(EtwCallException.class).hasMessageContaining("DNS-Client");

        assertThat(session.isRunning()).isFalse();
        assertThat(api.count("stop " + NAME)).isEqualTo(1);
    }

    @Test
    void reportsTheLossCountersOfTheQueryAndKeepsTheLastOnesWhenItFails() {
        session.start();
        api.reportLosses(new SessionLosses(12, 3));
        assertThat(session.losses()).isEqualTo(new SessionLosses(12, 3));

        api.failQueriesWith(4201);
        assertThat(session.losses()).isEqualTo(new SessionLosses(12, 3));
        assertThat(api.count("query " + NAME)).as("one after start, two asked for").isEqualTo(3);
    }

    @Test
    void stopIsIdempotentAlsoFromTheShutdownHook() {
        session.start();
        Thread hook = session.stopOnShutdown();
        try {
            hook.run();
            session.stop();
            session.close();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }

        assertThat(api.count("stop " + NAME)).isEqualTo(1);
        assertThat(session.isRunning()).isFalse();
    }

    @Test
    void keepsTheLastLossesAfterStopping() {
        session.start();
        api.reportLosses(new SessionLosses(7, 1));

        session.stop();
        api.reportLosses(new SessionLosses(99, 99));

        assertThat(session.losses()).isEqualTo(new SessionLosses(7, 1));
    }

    @Test
    void takesItsNameBuffersAndProvidersFromConfiguration() {
        ProviderSpec dnsOnly = ProviderSpec.of(EtwProvider.DNS_CLIENT, 0, false);
        TraceSession custom = new TraceSession(api, "custom", new BufferSettings(64, 8, 16), List.of(dnsOnly));

        custom.start();

        assertThat(api.startedWith()).isEqualTo(new BufferSettings(64, 8, 16));
        assertThat(api.calls).containsExactly("start custom", "enable Microsoft-Windows-DNS-Client", "query custom");
        assertThat(api.captureStateRequested).isEmpty();
    }

    @Test
    void rejectsABufferPoolThatCannotHold() {
        assertThatThrownBy(() -> new BufferSettings(256, 128, 64)).isInstanceOf(IllegalArgumentException.class);
    }
}
