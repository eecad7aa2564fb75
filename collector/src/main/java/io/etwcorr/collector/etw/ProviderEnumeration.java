package io.etwcorr.collector.etw;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Lists the providers registered on the host with TdhEnumerateProviders and reads the
 * PROVIDER_ENUMERATION_INFO it returns. Every read is checked against the size TDH reported, so a
 * short or inconsistent buffer is an error naming what did not fit, never a read past its end.
 */
public final class ProviderEnumeration {
    /** Providers register between the sizing call and the filling call, so a second miss is possible. */
    static final int MAX_ATTEMPTS = 5;
    private static final int SCHEMA_SOURCE_MOF = 1;
    private static final int HEADER_SIZE = new PROVIDER_ENUMERATION_INFO().offsetOf("TraceProviderInfoArray");
    private static final TRACE_PROVIDER_INFO ENTRY = new TRACE_PROVIDER_INFO();
    private static final int ENTRY_SIZE = ENTRY.size();
    private static final int GUID_OFFSET = ENTRY.offsetOf("ProviderGuid");
    private static final int SCHEMA_SOURCE_OFFSET = ENTRY.offsetOf("SchemaSource");
    private static final int NAME_OFFSET_OFFSET = ENTRY.offsetOf("ProviderNameOffset");

    /** The TdhEnumerateProviders call, so the retry runs against a fake off Windows. */
    @FunctionalInterface
    public interface EnumerateCall {
        int call(Pointer buffer, IntByReference bufferSize);
    }

    private ProviderEnumeration() {
    }

    /** Every registered provider, through tdh.dll; {@link UnsupportedOperationException} when not on Windows. */
    public static List<RegisteredProvider> registered() {
        return enumerate(EtwLibraries.tdh()::TdhEnumerateProviders);
    }

    /**
     * Calls {@code tdh} with a growing buffer until the providers fit, then parses them.
     *
     * @throws ProviderEnumerationException when TDH fails, keeps asking for more, or returns a malformed buffer
     */
    public static List<RegisteredProvider> enumerate(EnumerateCall tdh) {
        IntByReference size = new IntByReference(0);
        int status = tdh.call(null, size);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && status == EtwConstants.ERROR_INSUFFICIENT_BUFFER; attempt++) {
            int needed = size.getValue();
            if (needed <= 0) {
                throw new ProviderEnumerationException("TdhEnumerateProviders asked for a buffer of " + needed + " bytes");
            }
            Memory buffer = new Memory(needed);
            buffer.clear();
            status = tdh.call(buffer, size);
            if (status == 0) {
                return parse(buffer, Math.min(size.getValue(), needed));
            }
        }
        throw new ProviderEnumerationException("TdhEnumerateProviders failed with Win32 error " + status
                + (status == EtwConstants.ERROR_INSUFFICIENT_BUFFER ? " after " + MAX_ATTEMPTS + " larger buffers" : ""));
    }

    /**
     * Reads the providers of a PROVIDER_ENUMERATION_INFO of {@code size} bytes at {@code buffer}.
     *
     * @throws ProviderEnumerationException when an entry or a name lies (partly) outside the buffer
     */
    public static List<RegisteredProvider> parse(Pointer buffer, long size) {
        if (size < HEADER_SIZE) {
            throw new ProviderEnumerationException("the enumeration buffer has " + size + " bytes, less than its "
                    + HEADER_SIZE + "-byte header");
        }
        long count = Integer.toUnsignedLong(buffer.getInt(0));
        long namesStart = HEADER_SIZE + count * ENTRY_SIZE;
        if (namesStart > size) {
            throw new ProviderEnumerationException("the enumeration buffer claims " + count + " providers ("
                    + namesStart + " bytes of entries) but has " + size + " bytes");
        }
        List<RegisteredProvider> providers = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long entry = HEADER_SIZE + (long) i * ENTRY_SIZE;
            UUID guid = Guids.read(buffer, entry + GUID_OFFSET);
            long nameOffset = Integer.toUnsignedLong(buffer.getInt(entry + NAME_OFFSET_OFFSET));
            String name = nameAt(buffer, size, namesStart, nameOffset, guid);
            boolean classic = buffer.getInt(entry + SCHEMA_SOURCE_OFFSET) == SCHEMA_SOURCE_MOF;
            // A provider registered without a name is still worth surveying: its GUID names it.
            providers.add(new RegisteredProvider(guid, name.isBlank() ? guid.toString() : name, classic));
        }
        return providers;
    }

    /** The NUL-terminated UTF-16LE name at {@code offset}, which must end before {@code size}. */
    private static String nameAt(Pointer buffer, long size, long namesStart, long offset, UUID guid) {
        if (offset < namesStart || offset >= size) {
            throw new ProviderEnumerationException("the name of provider " + guid + " is at byte " + offset
                    + ", outside the names area " + namesStart + ".." + size);
        }
        for (long end = offset; end + 1 < size; end += 2) {
            if (buffer.getShort(end) == 0) {
                byte[] utf16 = buffer.getByteArray(offset, (int) (end - offset));
                return new String(utf16, StandardCharsets.UTF_16LE);
            }
        }
        throw new ProviderEnumerationException("the name of provider " + guid + " at byte " + offset
                + " runs past the end of the " + size + "-byte buffer");
    }
}
