package io.etwcorr.collector.etw;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The constants have the values listed at the end of etw-layouts.md. */
class EtwConstantsTest {
    @Test
    void documentedValues() {
        assertThat(EtwConstants.PROCESS_TRACE_MODE_REAL_TIME).isEqualTo(0x100);
        assertThat(EtwConstants.PROCESS_TRACE_MODE_EVENT_RECORD).isEqualTo(0x10000000);
        assertThat(EtwConstants.EVENT_TRACE_REAL_TIME_MODE).isEqualTo(0x100);
        assertThat(EtwConstants.EVENT_TRACE_INDEPENDENT_SESSION_MODE).isEqualTo(0x08000000);
        assertThat(EtwConstants.WNODE_FLAG_TRACED_GUID).isEqualTo(0x20000);
        assertThat(EtwConstants.CLIENT_CONTEXT_QPC).isEqualTo(1);
        assertThat(EtwConstants.EVENT_CONTROL_CODE_ENABLE_PROVIDER).isEqualTo(1);
        assertThat(EtwConstants.EVENT_CONTROL_CODE_CAPTURE_STATE).isEqualTo(2);
        assertThat(new int[] {EtwConstants.EVENT_TRACE_CONTROL_QUERY, EtwConstants.EVENT_TRACE_CONTROL_STOP,
                EtwConstants.EVENT_TRACE_CONTROL_UPDATE, EtwConstants.EVENT_TRACE_CONTROL_FLUSH}).containsExactly(0, 1, 2, 3);
        assertThat(EtwConstants.ERROR_ALREADY_EXISTS).isEqualTo(183);
        assertThat(Long.toHexString(EtwConstants.INVALID_PROCESSTRACE_HANDLE)).isEqualTo("ffffffffffffffff");
        // evntcons.h / evntrace.h, as Microsoft's ENABLE_TRACE_PARAMETERS and EVENT_HEADER_EXTENDED_DATA_ITEM pages name them
        assertThat(EtwConstants.EVENT_ENABLE_PROPERTY_PROCESS_START_KEY).isEqualTo(0x80);
        assertThat(EtwConstants.EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY).isEqualTo(0x000D);
        assertThat(EtwConstants.ENABLE_TRACE_PARAMETERS_VERSION_2).isEqualTo(2);
    }
}
