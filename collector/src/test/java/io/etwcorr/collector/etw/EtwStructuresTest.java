package io.etwcorr.collector.etw;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The structures' sizes and field offsets are the x64 values of etw-layouts.md. */
class EtwStructuresTest {
    @BeforeAll
    static void runsOnA64BitJvm() {
        // The documented values are x64 ones; JNA on 64-bit Linux uses the same pointer size and alignment.
        assertThat(Native.POINTER_SIZE).isEqualTo(8);
    }

    @Test
    void wnodeHeader() {
        assertLayout(new WNODE_HEADER(), 48, Map.of("BufferSize", 0, "HistoricalContext", 8, "Guid", 24,
                "ClientContext", 40, "Flags", 44));
    }

    @Test
    void eventTraceProperties() {
        assertLayout(new EVENT_TRACE_PROPERTIES(), 120, Map.ofEntries(Map.entry("Wnode", 0), Map.entry("BufferSize", 48),
                Map.entry("MinimumBuffers", 52), Map.entry("MaximumBuffers", 56), Map.entry("MaximumFileSize", 60),
                Map.entry("LogFileMode", 64), Map.entry("FlushTimer", 68), Map.entry("EnableFlags", 72),
                Map.entry("AgeLimit", 76), Map.entry("NumberOfBuffers", 80), Map.entry("FreeBuffers", 84),
                Map.entry("EventsLost", 88), Map.entry("BuffersWritten", 92), Map.entry("LogBuffersLost", 96),
                Map.entry("RealTimeBuffersLost", 100), Map.entry("LoggerThreadId", 104),
                Map.entry("LogFileNameOffset", 112), Map.entry("LoggerNameOffset", 116)));
    }

    @Test
    void eventTraceLogfile() {
        assertLayout(new EVENT_TRACE_LOGFILEW(), 448, Map.ofEntries(Map.entry("LogFileName", 0), Map.entry("LoggerName", 8),
                Map.entry("CurrentTime", 16), Map.entry("BuffersRead", 24), Map.entry("ProcessTraceMode", 28),
                Map.entry("CurrentEvent", 32), Map.entry("LogfileHeader", 120), Map.entry("BufferCallback", 400),
                Map.entry("BufferSize", 408), Map.entry("Filled", 412), Map.entry("EventsLost", 416),
                Map.entry("EventRecordCallback", 424), Map.entry("IsKernelTrace", 432), Map.entry("Context", 440)));
        assertThat(EVENT_TRACE_LOGFILEW.CURRENT_EVENT_SIZE).isEqualTo(88);
        assertThat(EVENT_TRACE_LOGFILEW.LOGFILE_HEADER_SIZE).isEqualTo(280);
    }

    @Test
    void eventHeaderWithItsDescriptorInline() {
        assertLayout(new EVENT_HEADER(), 80, Map.ofEntries(Map.entry("Size", 0), Map.entry("HeaderType", 2),
                Map.entry("Flags", 4), Map.entry("EventProperty", 6), Map.entry("ThreadId", 8), Map.entry("ProcessId", 12),
                Map.entry("TimeStamp", 16), Map.entry("ProviderId", 24), Map.entry("EventDescriptor", 40),
                Map.entry("ProcessorTime", 56), Map.entry("ActivityId", 64)));
        // Offsets inside the descriptor, which sits at 40: Id@40, Version@42, Channel@43, Level@44, Opcode@45, Task@46, Keyword@48.
        assertLayout(new EVENT_DESCRIPTOR(), 16, Map.of("Id", 0, "Version", 2, "Channel", 3, "Level", 4, "Opcode", 5,
                "Task", 6, "Keyword", 8));
    }

    @Test
    void eventRecord() {
        assertLayout(new EVENT_RECORD(), 112, Map.of("EventHeader", 0, "BufferContext", 80, "ExtendedDataCount", 84,
                "UserDataLength", 86, "ExtendedData", 88, "UserData", 96, "UserContext", 104));
        assertLayout(new ETW_BUFFER_CONTEXT(), 4, Map.of("ProcessorNumber", 0, "Alignment", 1, "LoggerId", 2));
    }

    @Test
    void extendedDataItem() {
        assertLayout(new EVENT_HEADER_EXTENDED_DATA_ITEM(), 16, Map.of("Reserved1", 0, "ExtType", 2, "Linkage", 4,
                "DataSize", 6, "DataPtr", 8));
    }

    @Test
    void providerEnumerationInfoAndItsEntries() {
        assertLayout(new TRACE_PROVIDER_INFO(), 24, Map.of("ProviderGuid", 0, "SchemaSource", 16, "ProviderNameOffset", 20));
        // Declared with one entry (ANYSIZE_ARRAY): 8 bytes of header, then the entries.
        assertLayout(new PROVIDER_ENUMERATION_INFO(), 32, Map.of("NumberOfProviders", 0, "Reserved", 4,
                "TraceProviderInfoArray", 8));
    }

    @Test
    void enableTraceParameters() {
        assertLayout(new ENABLE_TRACE_PARAMETERS(), 48, Map.of("Version", 0, "EnableProperty", 4, "ControlFlags", 8,
                "SourceId", 12, "EnableFilterDesc", 32, "FilterDescCount", 40));
    }

    // TRACE_EVENT_INFO and EVENT_PROPERTY_INFO as declared in the Windows SDK's tdh.h (TDHCACHE_ALIGN, 8 bytes):
    // two GUIDs, the 16-byte EVENT_DESCRIPTOR, DECODING_SOURCE and fifteen ULONGs make the 112-byte fixed part;
    // EVENT_PROPERTY_INFO is Flags, NameOffset, an 8-byte union (InType, OutType, MapNameOffset), count, length, Reserved.
    @Test
    void traceEventInfo() {
        assertLayout(new TRACE_EVENT_INFO(), 112, Map.ofEntries(Map.entry("ProviderGuid", 0), Map.entry("EventGuid", 16),
                Map.entry("EventDescriptor", 32), Map.entry("DecodingSource", 48), Map.entry("ProviderNameOffset", 52),
                Map.entry("LevelNameOffset", 56), Map.entry("ChannelNameOffset", 60), Map.entry("KeywordsNameOffset", 64),
                Map.entry("TaskNameOffset", 68), Map.entry("OpcodeNameOffset", 72), Map.entry("EventMessageOffset", 76),
                Map.entry("ProviderMessageOffset", 80), Map.entry("BinaryXMLOffset", 84), Map.entry("BinaryXMLSize", 88),
                Map.entry("EventNameOffset", 92), Map.entry("EventAttributesOffset", 96), Map.entry("PropertyCount", 100),
                Map.entry("TopLevelPropertyCount", 104), Map.entry("Flags", 108)));
        assertThat(TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET).isEqualTo(112);
    }

    @Test
    void eventPropertyInfo() {
        assertLayout(new EVENT_PROPERTY_INFO(), 24, Map.of("Flags", 0, "NameOffset", 4, "InType", 8, "OutType", 10,
                "MapNameOffset", 12, "count", 16, "length", 18, "Tags", 20));
        assertThat(EVENT_PROPERTY_INFO.SIZE).isEqualTo(24);
    }

    @Test
    void traceEventInfoFixtureMatchesTheStructureReadByJna() {
        TRACE_EVENT_INFO info = new TRACE_EVENT_INFO(TraceEventInfoFixture.kernelFileCreate().layOut());
        info.read();
        EVENT_PROPERTY_INFO fileName = new EVENT_PROPERTY_INFO(
                info.getPointer().share(TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET + 6L * EVENT_PROPERTY_INFO.SIZE));
        fileName.read();

        assertThat(info.PropertyCount).isEqualTo(7);
        assertThat(info.TopLevelPropertyCount).isEqualTo(7);
        assertThat(utf16At(info, info.ProviderNameOffset, "Microsoft-Windows-Kernel-File".length()))
                .isEqualTo("Microsoft-Windows-Kernel-File");
        assertThat(utf16At(info, fileName.NameOffset, "FileName".length())).isEqualTo("FileName");
        assertThat(fileName.InType).isEqualTo((short) TdhTypes.IN_UNICODESTRING);
    }

    @Test
    void propertiesForLoggerHoldTheNameRightAfterTheStructure() {
        EVENT_TRACE_PROPERTIES properties = EVENT_TRACE_PROPERTIES.forLogger("etwcorr-collector");
        int expectedSize = 120 + ("etwcorr-collector".length() + 1) * 2;

        assertThat(properties.size()).isEqualTo(120);
        assertThat(properties.allocationSize()).isEqualTo(expectedSize);
        assertThat(properties.getPointer().getInt(0)).as("Wnode.BufferSize in memory").isEqualTo(expectedSize);
        assertThat(properties.getPointer().getInt(116)).as("LoggerNameOffset in memory").isEqualTo(120);
        byte[] name = properties.getPointer().getByteArray(120, expectedSize - 120);
        assertThat(name).isEqualTo("etwcorr-collector\0".getBytes(StandardCharsets.UTF_16LE));
        assertThat(properties.getPointer().getByteArray(4, 112)).as("everything else zeroed")
                .containsOnly((byte) 0);
    }

    @Test
    void eventRecordReadsFieldsFromNativeMemoryAtTheDocumentedOffsets() {
        Memory memory = new Memory(112);
        memory.clear();
        memory.setShort(4, (short) EtwConstants.EVENT_HEADER_FLAG_32_BIT_HEADER);
        memory.setInt(8, 7400);
        memory.setInt(12, 5120);
        memory.setLong(16, 133_170_048_000_000_000L);
        memory.setInt(24, 0x22fb2cd6);
        memory.setShort(40, (short) 3008);
        memory.setByte(42, (byte) 2);
        memory.setByte(45, (byte) 10);
        memory.setLong(48, 0x8000_0000_0000_0010L);
        memory.setShort(86, (short) 0xFFFF);
        memory.setLong(96, 0x1234_5678L);

        EVENT_RECORD record = new EVENT_RECORD(memory);
        record.read();

        assertThat(record.EventHeader.Flags).isEqualTo((short) 0x20);
        assertThat(record.EventHeader.ThreadId).isEqualTo(7400);
        assertThat(record.EventHeader.ProcessId).isEqualTo(5120);
        assertThat(record.EventHeader.TimeStamp).isEqualTo(133_170_048_000_000_000L);
        assertThat(record.EventHeader.ProviderId.Data1).isEqualTo(0x22fb2cd6);
        assertThat(record.EventHeader.EventDescriptor.Id & 0xffff).isEqualTo(3008);
        assertThat(record.EventHeader.EventDescriptor.Version).isEqualTo((byte) 2);
        assertThat(record.EventHeader.EventDescriptor.Opcode).isEqualTo((byte) 10);
        assertThat(record.EventHeader.EventDescriptor.Keyword).isEqualTo(0x8000_0000_0000_0010L);
        assertThat(record.UserDataLength & 0xffff).isEqualTo(65535);
        assertThat(com.sun.jna.Pointer.nativeValue(record.UserData)).isEqualTo(0x1234_5678L);
    }

    /** Windows' WCHAR is UTF-16; JNA's wide strings on Linux are UTF-32. */
    private static String utf16At(EtwStructure structure, int offset, int chars) {
        return new String(structure.getPointer().getByteArray(offset, 2 * chars), StandardCharsets.UTF_16LE);
    }

    private static void assertLayout(EtwStructure structure, int size, Map<String, Integer> offsets) {
        assertThat(structure.size()).as(structure.getClass().getSimpleName() + " size").isEqualTo(size);
        offsets.forEach((field, offset) -> assertThat(structure.offsetOf(field))
                .as(structure.getClass().getSimpleName() + "." + field).isEqualTo(offset));
    }
}
