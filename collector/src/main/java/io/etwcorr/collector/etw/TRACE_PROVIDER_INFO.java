package io.etwcorr.collector.etw;

import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Guid.GUID;

/** {@code TRACE_PROVIDER_INFO} (24 bytes on x64): one entry of {@link PROVIDER_ENUMERATION_INFO}. */
@FieldOrder({"ProviderGuid", "SchemaSource", "ProviderNameOffset"})
public class TRACE_PROVIDER_INFO extends EtwStructure {
    public GUID ProviderGuid;
    /** 0: the provider describes its events in an instrumentation manifest; 1: in WMI MOF classes (a classic provider). */
    public int SchemaSource;
    /** Byte offset of the provider's NUL-terminated UTF-16 name from the start of the enumeration buffer. */
    public int ProviderNameOffset;
}
