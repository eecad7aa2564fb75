package io.etwcorr.collector.etw;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;

/** TdhGetEventInformation, with the two-call pattern. Each buffer is a fresh copy owned by the caller. */
public final class NativeEventInfoSource implements EventInfoSource {
    private static final int ERROR_SUCCESS = 0;
    private static final int ERROR_INSUFFICIENT_BUFFER = 122;
    private static final int ERROR_NOT_FOUND = 1168;
    /** Enough for most templates, so the first call usually succeeds. */
    private static final int FIRST_GUESS_BYTES = 4096;

    private final Tdh tdh;

    public NativeEventInfoSource(Tdh tdh) {
        this.tdh = tdh;
    }

    @Override
    public ByteBuffer traceEventInfo(Pointer eventRecord) throws PayloadException {
        IntByReference size = new IntByReference(FIRST_GUESS_BYTES);
        Memory buffer = new Memory(FIRST_GUESS_BYTES);
        int status = tdh.TdhGetEventInformation(eventRecord, 0, null, buffer, size);
        if (status == ERROR_INSUFFICIENT_BUFFER) {
            buffer = new Memory(Integer.toUnsignedLong(size.getValue()));
            status = tdh.TdhGetEventInformation(eventRecord, 0, null, buffer, size);
        }
        if (status == ERROR_NOT_FOUND) {
            return null;
        }
        if (status != ERROR_SUCCESS) {
            throw new PayloadException("TdhGetEventInformation failed with Win32 error " + status);
        }
        byte[] copy = buffer.getByteArray(0, size.getValue());
        return ByteBuffer.wrap(copy);
    }
}
