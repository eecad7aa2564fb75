package io.etwcorr.collector.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.etwcorr.collector.etw.ENABLE_TRACE_PARAMETERS;
import io.etwcorr.collector.etw.EVENT_TRACE_LOGFILEW;
import io.etwcorr.collector.etw.EVENT_TRACE_PROPERTIES;
import io.etwcorr.collector.etw.EventRecordCallback;
import io.etwcorr.schemas.etw.EtwProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What NativeEtwApi hands to advapi32, read back from native memory at the documented x64 offsets
 * (EVENT_TRACE_PROPERTIES: BufferSize 48, MinimumBuffers 52, MaximumBuffers 56, LogFileMode 64,
 * FlushTimer 68, EventsLost 88, RealTimeBuffersLost 100; EVENT_TRACE_LOGFILEW: LogFileName 0,
 * LoggerName 8, ProcessTraceMode 28, EventRecordCallback 424), so no call needs Windows.
 */
class NativeEtwApiTest {
    private static final EventRecordCallback IGNORE = record -> { };

    @Test
    void refusesToLoadAdvapi32OffWindows() {
        assumeFalse(Platform.isWindows());

        assertThatThrownBy(NativeEtwApi::new).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Windows");
    }

    @Test
    void startsARealTimeIndependentSessionWithTheBufferPoolAndAOneSecondFlush() {
        EVENT_TRACE_PROPERTIES properties = NativeEtwApi.sessionProperties("etwcorr-collector", new BufferSettings(256, 64, 128));
        Pointer memory = properties.getPointer();

        assertThat(memory.getInt(48)).as("BufferSize (KB)").isEqualTo(256);
        assertThat(memory.getInt(52)).as("MinimumBuffers").isEqualTo(64);
        assertThat(memory.getInt(56)).as("MaximumBuffers").isEqualTo(128);
        assertThat(memory.getInt(64)).as("LogFileMode: EVENT_TRACE_REAL_TIME_MODE | EVENT_TRACE_INDEPENDENT_SESSION_MODE")
                .isEqualTo(0x0800_0100);
        assertThat(memory.getInt(68)).as("FlushTimer (s)").isEqualTo(1);
        assertThat(memory.getInt(44)).as("Wnode.Flags: WNODE_FLAG_TRACED_GUID").isEqualTo(0x0002_0000);
        assertThat(memory.getInt(40)).as("Wnode.ClientContext: QPC").isEqualTo(1);
        assertThat(memory.getInt(116)).as("LoggerNameOffset").isEqualTo(120);
    }

    @Test
    void asksKernelProcessAloneForTheProcessStartKey() {
        ENABLE_TRACE_PARAMETERS parameters = NativeEtwApi.enableParameters(ProviderSpec.of(EtwProvider.KERNEL_PROCESS,
                ProviderSpec.KERNEL_PROCESS_PROCESS_AND_THREAD, true));
        Pointer memory = parameters.getPointer();

        assertThat(parameters.size()).isEqualTo(48);
        assertThat(memory.getInt(0)).as("Version").isEqualTo(2);
        assertThat(memory.getInt(4)).as("EnableProperty: EVENT_ENABLE_PROPERTY_PROCESS_START_KEY").isEqualTo(0x80);
        assertThat(NativeEtwApi.enableParameters(ProviderSpec.of(EtwProvider.KERNEL_NETWORK,
                ProviderSpec.KERNEL_NETWORK_IPV4_AND_IPV6, false))).isNull();
        assertThat(NativeEtwApi.enableParameters(ProviderSpec.of(EtwProvider.DNS_CLIENT, 0, false))).isNull();
    }

    @Test
    void readsTheLossCountersAndTheModeAQueryFilledInAsUnsigned() {
        EVENT_TRACE_PROPERTIES properties = EVENT_TRACE_PROPERTIES.forLogger("etwcorr-collector");
        Pointer memory = properties.getPointer();
        memory.setInt(64, 0x0000_0100);
        memory.setInt(88, 0xffff_fffe);
        memory.setInt(96, 99); // LogBuffersLost: a file session's counter, not ours
        memory.setInt(100, 7);
        properties.read();

        EtwApi.QueryResult result = NativeEtwApi.queried(properties);

        assertThat(result.status()).isZero();
        assertThat(result.losses()).isEqualTo(new SessionLosses(4_294_967_294L, 7));
        assertThat(result.logFileMode()).isEqualTo(0x100);
    }

    @Test
    void opensTheRealTimeSessionByNameWithEventRecordCallbacks() {
        EVENT_TRACE_LOGFILEW logfile = NativeEtwApi.realTimeLogfile("etwcorr-collector", IGNORE);
        logfile.write();
        Pointer memory = logfile.getPointer();

        assertThat(memory.getPointer(0)).as("LogFileName").isNull();
        assertThat(memory.getPointer(8).getWideString(0)).as("LoggerName").isEqualTo("etwcorr-collector");
        assertThat(memory.getInt(28)).as("ProcessTraceMode: REAL_TIME | EVENT_RECORD").isEqualTo(0x1000_0100);
        assertThat(memory.getPointer(424)).as("EventRecordCallback").isNotNull();
    }

    @Test
    void opensAFileByItsAbsolutePathWithoutTheRealTimeFlag() {
        Path relative = Path.of("incident.etl");
        EVENT_TRACE_LOGFILEW logfile = NativeEtwApi.fileLogfile(relative, IGNORE);
        logfile.write();
        Pointer memory = logfile.getPointer();

        assertThat(memory.getPointer(0).getWideString(0)).as("LogFileName").isEqualTo(relative.toAbsolutePath().toString());
        assertThat(memory.getPointer(8)).as("LoggerName").isNull();
        assertThat(memory.getInt(28)).as("ProcessTraceMode: EVENT_RECORD only").isEqualTo(0x1000_0000);
        assertThat(memory.getPointer(424)).as("EventRecordCallback").isNotNull();
    }
}
