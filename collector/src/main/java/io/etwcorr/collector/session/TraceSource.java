package io.etwcorr.collector.session;

import io.etwcorr.collector.etw.EventRecordCallback;
import java.util.List;

/** What a {@link TraceConsumer} reads: the live session ({@link TraceSession}) or a recorded trace file ({@link EtlFile}). */
public interface TraceSource {

    /**
     * Opens the trace (OpenTraceW) with {@code callback}.
     *
     * @return the consumer handle for ProcessTrace and CloseTrace
     * @throws EtwCallException when it cannot be opened
     */
    long open(EventRecordCallback callback);

    /**
     * Whether events arrive as they happen. A file's events are history: its ProcessTrace ends at
     * the end of the file, and heartbeats carry the newest event time read, not the wall clock,
     * so they never move a host's event time past events still to come from the file.
     */
    boolean realTime();

    /** The loss counters the heartbeat reports. */
    SessionLosses losses();

    /** The providers the heartbeat lists. */
    List<String> providerNames();

    /** For messages: {@code session etwcorr-collector}, {@code file C:\trace.etl}. */
    String description();
}
