package io.etwcorr.collector.session;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid.GUID;
import com.sun.jna.ptr.LongByReference;
import io.etwcorr.collector.etw.Advapi32Etw;
import io.etwcorr.collector.etw.ENABLE_TRACE_PARAMETERS;
import io.etwcorr.collector.etw.EVENT_TRACE_LOGFILEW;
import io.etwcorr.collector.etw.EVENT_TRACE_PROPERTIES;
import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.collector.etw.EtwLibraries;
import io.etwcorr.collector.etw.EventRecordCallback;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link EtwApi} over advapi32.dll; constructing it loads the library, so only on Windows. */
public final class NativeEtwApi implements EtwApi {
    /** Seconds between forced flushes, so a quiet session still delivers within a second. */
    static final int FLUSH_TIMER_SECONDS = 1;
    /**
     * Real-time delivery in a session that EventWrite failures of other sessions do not affect
     * (deploy/windows/README.md, "Session settings", says why).
     */
    static final int SESSION_LOG_FILE_MODE = EtwConstants.EVENT_TRACE_REAL_TIME_MODE
            | EtwConstants.EVENT_TRACE_INDEPENDENT_SESSION_MODE;

    private final Advapi32Etw advapi32;
    // The logfile holds the JNA callback: both must stay reachable while ProcessTrace may call it.
    private final Map<Long, EVENT_TRACE_LOGFILEW> openTraces = new ConcurrentHashMap<>();

    /** @throws UnsupportedOperationException when not on Windows */
    public NativeEtwApi() {
        this.advapi32 = EtwLibraries.advapi32();
    }

    @Override
    public StartResult startTrace(String sessionName, BufferSettings buffers) {
        LongByReference handle = new LongByReference();
        int status = advapi32.StartTraceW(handle, new WString(sessionName), sessionProperties(sessionName, buffers));
        return new StartResult(status, handle.getValue());
    }

    @Override
    public int stopTrace(String sessionName) {
        return control(sessionName, EVENT_TRACE_PROPERTIES.forLogger(sessionName), EtwConstants.EVENT_TRACE_CONTROL_STOP);
    }

    @Override
    public QueryResult queryTrace(String sessionName) {
        EVENT_TRACE_PROPERTIES properties = EVENT_TRACE_PROPERTIES.forLogger(sessionName);
        int status = control(sessionName, properties, EtwConstants.EVENT_TRACE_CONTROL_QUERY);
        if (status != 0) {
            return QueryResult.failed(status);
        }
        properties.read();
        return queried(properties);
    }

    @Override
    public int enableProvider(long sessionHandle, ProviderSpec provider) {
        return enable(sessionHandle, provider, EtwConstants.EVENT_CONTROL_CODE_ENABLE_PROVIDER);
    }

    @Override
    public int requestCaptureState(long sessionHandle, ProviderSpec provider) {
        return enable(sessionHandle, provider, EtwConstants.EVENT_CONTROL_CODE_CAPTURE_STATE);
    }

    @Override
    public long openTrace(String sessionName, EventRecordCallback callback) {
        return open(realTimeLogfile(sessionName, callback), "session " + sessionName);
    }

    @Override
    public long openTraceFile(Path etlFile, EventRecordCallback callback) {
        return open(fileLogfile(etlFile, callback), "file " + etlFile);
    }

    @Override
    public int processTrace(long consumerHandle) {
        try {
            return advapi32.ProcessTrace(new long[] {consumerHandle}, 1, null, null);
        } finally {
            openTraces.remove(consumerHandle);
        }
    }

    @Override
    public int closeTrace(long consumerHandle) {
        return advapi32.CloseTrace(consumerHandle);
    }

    /** The properties StartTraceW gets: {@link #SESSION_LOG_FILE_MODE}, QPC timestamps, {@code buffers}. */
    static EVENT_TRACE_PROPERTIES sessionProperties(String sessionName, BufferSettings buffers) {
        EVENT_TRACE_PROPERTIES properties = EVENT_TRACE_PROPERTIES.forLogger(sessionName);
        properties.Wnode.Flags = EtwConstants.WNODE_FLAG_TRACED_GUID;
        properties.Wnode.ClientContext = EtwConstants.CLIENT_CONTEXT_QPC;
        properties.BufferSize = buffers.bufferSizeKb();
        properties.MinimumBuffers = buffers.minimumBuffers();
        properties.MaximumBuffers = buffers.maximumBuffers();
        properties.LogFileMode = SESSION_LOG_FILE_MODE;
        properties.FlushTimer = FLUSH_TIMER_SECONDS;
        properties.write();
        return properties;
    }

    /** What ControlTraceW(QUERY) filled in: the loss counters (unsigned) and the mode the session runs with. */
    static QueryResult queried(EVENT_TRACE_PROPERTIES properties) {
        return new QueryResult(0, new SessionLosses(Integer.toUnsignedLong(properties.EventsLost),
                Integer.toUnsignedLong(properties.RealTimeBuffersLost)), properties.LogFileMode);
    }

    /** OpenTraceW's input for the real-time session {@code sessionName}. */
    static EVENT_TRACE_LOGFILEW realTimeLogfile(String sessionName, EventRecordCallback callback) {
        EVENT_TRACE_LOGFILEW logfile = new EVENT_TRACE_LOGFILEW();
        logfile.LoggerName = new WString(sessionName);
        logfile.ProcessTraceMode = EtwConstants.PROCESS_TRACE_MODE_REAL_TIME | EtwConstants.PROCESS_TRACE_MODE_EVENT_RECORD;
        logfile.EventRecordCallback = callback;
        return logfile;
    }

    /** OpenTraceW's input for a trace file: LogFileName set, no LoggerName and no real-time flag. */
    static EVENT_TRACE_LOGFILEW fileLogfile(Path etlFile, EventRecordCallback callback) {
        EVENT_TRACE_LOGFILEW logfile = new EVENT_TRACE_LOGFILEW();
        logfile.LogFileName = new WString(etlFile.toAbsolutePath().toString());
        logfile.ProcessTraceMode = EtwConstants.PROCESS_TRACE_MODE_EVENT_RECORD;
        logfile.EventRecordCallback = callback;
        return logfile;
    }

    private long open(EVENT_TRACE_LOGFILEW logfile, String context) {
        long handle = advapi32.OpenTraceW(logfile);
        if (handle == EtwConstants.INVALID_PROCESSTRACE_HANDLE) {
            throw new EtwCallException("OpenTraceW", Native.getLastError(), context);
        }
        openTraces.put(handle, logfile);
        return handle;
    }

    private int control(String sessionName, EVENT_TRACE_PROPERTIES properties, int controlCode) {
        return advapi32.ControlTraceW(0, new WString(sessionName), properties, controlCode);
    }

    private int enable(long sessionHandle, ProviderSpec provider, int controlCode) {
        return advapi32.EnableTraceEx2(sessionHandle, guid(provider.guid()), controlCode, (byte) provider.level(),
                provider.matchAnyKeyword(), 0, 0, enableParameters(provider));
    }

    /** ENABLE_TRACE_PARAMETERS (version 2) carrying the provider's EnableProperty, or null when it has none. */
    static ENABLE_TRACE_PARAMETERS enableParameters(ProviderSpec provider) {
        if (provider.enableProperty() == 0) {
            return null;
        }
        ENABLE_TRACE_PARAMETERS parameters = new ENABLE_TRACE_PARAMETERS();
        parameters.Version = EtwConstants.ENABLE_TRACE_PARAMETERS_VERSION_2;
        parameters.EnableProperty = provider.enableProperty();
        parameters.write();
        return parameters;
    }

    private static GUID guid(UUID uuid) {
        GUID guid = new GUID();
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        guid.Data1 = (int) (high >>> 32);
        guid.Data2 = (short) (high >>> 16);
        guid.Data3 = (short) high;
        for (int i = 0; i < 8; i++) {
            guid.Data4[i] = (byte) (low >>> (8 * (7 - i)));
        }
        guid.write();
        return guid;
    }
}
