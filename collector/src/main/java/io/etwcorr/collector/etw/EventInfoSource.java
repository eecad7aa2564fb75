package io.etwcorr.collector.etw;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/** Where TRACE_EVENT_INFO buffers come from: TDH on Windows ({@link NativeEventInfoSource}), fixtures in tests. */
@FunctionalInterface
public interface EventInfoSource {
    /**
     * The TRACE_EVENT_INFO of the event type of {@code eventRecord} (an EVENT_RECORD, valid only
     * during the callback), or null when no schema is registered for it.
     *
     * @throws PayloadException when the schema exists but cannot be read
     */
    ByteBuffer traceEventInfo(Pointer eventRecord) throws PayloadException;
}
