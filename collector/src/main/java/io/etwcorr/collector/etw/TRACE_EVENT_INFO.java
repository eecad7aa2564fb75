package io.etwcorr.collector.etw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;

/**
 * The fixed part of {@code TRACE_EVENT_INFO} (tdh.h), what TdhGetEventInformation writes: 112 bytes
 * on x64, followed by {@code PropertyCount} {@link EVENT_PROPERTY_INFO}s and the strings the
 * {@code *Offset} fields point to (byte offsets from the start of the buffer, 0 when absent).
 * {@link TraceEventInfoParser} reads buffers at these offsets; this class states the layout for the tests.
 */
@FieldOrder({"ProviderGuid", "EventGuid", "EventDescriptor", "DecodingSource", "ProviderNameOffset", "LevelNameOffset",
        "ChannelNameOffset", "KeywordsNameOffset", "TaskNameOffset", "OpcodeNameOffset", "EventMessageOffset",
        "ProviderMessageOffset", "BinaryXMLOffset", "BinaryXMLSize", "EventNameOffset", "EventAttributesOffset",
        "PropertyCount", "TopLevelPropertyCount", "Flags"})
public class TRACE_EVENT_INFO extends EtwStructure {
    /** Where EventPropertyInfoArray starts. */
    public static final int PROPERTY_ARRAY_OFFSET = 112;

    public byte[] ProviderGuid = new byte[16];
    public byte[] EventGuid = new byte[16];
    public EVENT_DESCRIPTOR EventDescriptor;
    public int DecodingSource;
    public int ProviderNameOffset;
    public int LevelNameOffset;
    public int ChannelNameOffset;
    public int KeywordsNameOffset;
    public int TaskNameOffset;
    public int OpcodeNameOffset;
    public int EventMessageOffset;
    public int ProviderMessageOffset;
    public int BinaryXMLOffset;
    public int BinaryXMLSize;
    /** A union with ActivityIDNameOffset (WPP). */
    public int EventNameOffset;
    /** A union with RelatedActivityIDNameOffset (WPP). */
    public int EventAttributesOffset;
    public int PropertyCount;
    public int TopLevelPropertyCount;
    /** TEMPLATE_FLAGS, or the Reserved:4 / Tags:28 bit fields. */
    public int Flags;
    public TRACE_EVENT_INFO() {
    }

    /** A view of the structure at {@code memory}; call {@link #read()} to fill it. */
    public TRACE_EVENT_INFO(Pointer memory) {
        super(memory);
    }
}
