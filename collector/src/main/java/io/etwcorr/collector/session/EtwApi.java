package io.etwcorr.collector.session;

import io.etwcorr.collector.etw.EventRecordCallback;
import java.nio.file.Path;

/**
 * The advapi32 controller and consumer calls the collector makes, and nothing more, so session
 * control and consumption run against a fake off Windows. Status results are Win32 error codes
 * (0 = success); {@link NativeEtwApi} is the real implementation.
 */
public interface EtwApi {

    /** StartTraceW of a real-time session named {@code sessionName}. */
    StartResult startTrace(String sessionName, BufferSettings buffers);

    /** ControlTraceW(STOP) by name. */
    int stopTrace(String sessionName);

    /** ControlTraceW(QUERY) by name: the session's loss counters and the logging mode ETW applied. */
    QueryResult queryTrace(String sessionName);

    /** EnableTraceEx2(ENABLE_PROVIDER) with the provider's level and MatchAnyKeyword. */
    int enableProvider(long sessionHandle, ProviderSpec provider);

    /** EnableTraceEx2(CAPTURE_STATE): asks the provider for its rundown (e.g. the running processes). */
    int requestCaptureState(long sessionHandle, ProviderSpec provider);

    /**
     * OpenTraceW on the real-time session, delivering EVENT_RECORDs to {@code callback}.
     *
     * @return the consumer handle
     * @throws EtwCallException when the trace cannot be opened
     */
    long openTrace(String sessionName, EventRecordCallback callback);

    /**
     * OpenTraceW on a trace file ({@code .etl} recorded by logman, wpr or xperf), delivering its
     * EVENT_RECORDs to {@code callback}; ProcessTrace on it returns at the end of the file.
     *
     * @return the consumer handle
     * @throws EtwCallException when the file cannot be opened
     */
    long openTraceFile(Path etlFile, EventRecordCallback callback);

    /**
     * ProcessTrace: calls the callback on the calling thread until the session stops, the trace is
     * closed or (a file) its last event was delivered.
     */
    int processTrace(long consumerHandle);

    /** CloseTrace: makes {@link #processTrace} return once it has delivered what it had buffered. */
    int closeTrace(long consumerHandle);

    /** StartTraceW's status and, on success, the session handle. */
    record StartResult(int status, long sessionHandle) {
    }

    /**
     * ControlTraceW(QUERY)'s status and, on success, the counters and the session's LogFileMode as
     * ETW runs it (which may differ from the mode requested at start).
     */
    record QueryResult(int status, SessionLosses losses, int logFileMode) {
        /** A failed query: no counters, no mode. */
        public static QueryResult failed(int status) {
            return new QueryResult(status, null, 0);
        }
    }
}
