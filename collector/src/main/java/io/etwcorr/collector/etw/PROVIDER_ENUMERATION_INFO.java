package io.etwcorr.collector.etw;

import com.sun.jna.Structure.FieldOrder;

/**
 * {@code PROVIDER_ENUMERATION_INFO}, what {@link Tdh#TdhEnumerateProviders} fills: a count, then
 * that many {@link TRACE_PROVIDER_INFO} entries (declared with one, ANYSIZE_ARRAY), then the names.
 * {@link ProviderEnumeration} reads it field by field, bounded by the buffer's size.
 */
@FieldOrder({"NumberOfProviders", "Reserved", "TraceProviderInfoArray"})
public class PROVIDER_ENUMERATION_INFO extends EtwStructure {
    public int NumberOfProviders;
    public int Reserved;
    public TRACE_PROVIDER_INFO[] TraceProviderInfoArray = new TRACE_PROVIDER_INFO[1];
}
