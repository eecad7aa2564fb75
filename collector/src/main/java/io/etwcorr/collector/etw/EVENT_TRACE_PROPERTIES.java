package io.etwcorr.collector.etw;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@code EVENT_TRACE_PROPERTIES} (120 bytes on x64). StartTraceW and ControlTraceW expect the
 * logger name in the same allocation right after the structure: use {@link #forLogger(String)}.
 */
@FieldOrder({"Wnode", "BufferSize", "MinimumBuffers", "MaximumBuffers", "MaximumFileSize", "LogFileMode",
        "FlushTimer", "EnableFlags", "AgeLimit", "NumberOfBuffers", "FreeBuffers", "EventsLost", "BuffersWritten",
        "LogBuffersLost", "RealTimeBuffersLost", "LoggerThreadId", "LogFileNameOffset", "LoggerNameOffset"})
public class EVENT_TRACE_PROPERTIES extends EtwStructure {
    /** Size of the structure itself, where the logger name starts. */
    public static final int STRUCTURE_SIZE = 120;

    public WNODE_HEADER Wnode;
    /** Buffer size in KB. */
    public int BufferSize;
    public int MinimumBuffers;
    public int MaximumBuffers;
    public int MaximumFileSize;
    public int LogFileMode;
    public int FlushTimer;
    public int EnableFlags;
    /** Union with FlushThreshold. */
    public int AgeLimit;
    public int NumberOfBuffers;
    public int FreeBuffers;
    public int EventsLost;
    public int BuffersWritten;
    public int LogBuffersLost;
    public int RealTimeBuffersLost;
    public Pointer LoggerThreadId;
    public int LogFileNameOffset;
    public int LoggerNameOffset;

    /** The whole allocation (structure and name), referenced so it lives as long as the structure. */
    private Memory allocation;

    public EVENT_TRACE_PROPERTIES() {
    }

    private EVENT_TRACE_PROPERTIES(Memory allocation) {
        super(allocation);
        this.allocation = allocation;
    }

    /**
     * Zeroed properties in an allocation of 120 + (length + 1) × 2 bytes holding {@code loggerName}
     * as NUL-terminated UTF-16LE at offset 120, with Wnode.BufferSize and LoggerNameOffset set.
     * The name is written as bytes because JNA's wide strings follow the platform's wchar_t.
     */
    public static EVENT_TRACE_PROPERTIES forLogger(String loggerName) {
        byte[] name = (loggerName + '\0').getBytes(StandardCharsets.UTF_16LE);
        Memory memory = new Memory(STRUCTURE_SIZE + name.length);
        memory.clear();
        memory.write(STRUCTURE_SIZE, name, 0, name.length);
        EVENT_TRACE_PROPERTIES properties = new EVENT_TRACE_PROPERTIES(memory);
        properties.Wnode.BufferSize = (int) memory.size();
        properties.LoggerNameOffset = STRUCTURE_SIZE;
        properties.write();
        return properties;
    }

    /** Bytes allocated for the structure and the names after it (0 for a plain structure). */
    public long allocationSize() {
        return allocation == null ? 0 : allocation.size();
    }
}
