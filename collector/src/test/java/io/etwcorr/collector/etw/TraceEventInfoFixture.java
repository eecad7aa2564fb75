package io.etwcorr.collector.etw;

import io.etwcorr.testkit.etw.PayloadFixture;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A TRACE_EVENT_INFO laid out in native memory as TdhGetEventInformation writes it (x64, tdh.h):
 * the 112-byte header, the EVENT_PROPERTY_INFO array, then the NUL-terminated UTF-16 names the
 * offsets point to. Offsets and counts can be overridden to build broken buffers.
 */
public final class TraceEventInfoFixture {
    public static final UUID KERNEL_FILE = UUID.fromString("edd08927-9cc4-4e65-b970-c2560fb5c289");
    static final int UNICODESTRING = TdhTypes.IN_UNICODESTRING;
    static final int UINT32 = TdhTypes.IN_UINT32;
    static final int POINTER = TdhTypes.IN_POINTER;
    /** TDH_OUTTYPE_HEXINT32: how the Kernel-File manifest shows option and attribute masks. */
    static final int OUT_HEXINT32 = 18;

    private final String providerName;
    private final List<Property> properties = new ArrayList<>();
    private final Map<Integer, Integer> overrides = new LinkedHashMap<>();
    private Integer topLevelCount;

    private record Property(int flags, String name, int inType, int outType, int count, int length) {
    }

    public TraceEventInfoFixture(String providerName) {
        this.providerName = providerName;
    }

    /**
     * Microsoft-Windows-Kernel-File event 12 (Create), version 1, as its manifest declares it:
     * Irp, FileObject (Pointer), IssuingThreadId, CreateOptions, CreateAttributes, ShareAccess (UInt32),
     * FileName (UnicodeString).
     */
    public static TraceEventInfoFixture kernelFileCreate() {
        return new TraceEventInfoFixture("Microsoft-Windows-Kernel-File")
                .property("Irp", POINTER, 0, 8).property("FileObject", POINTER, 0, 8)
                .property("IssuingThreadId", UINT32, 0, 4).property("CreateOptions", UINT32, OUT_HEXINT32, 4)
                .property("CreateAttributes", UINT32, OUT_HEXINT32, 4).property("ShareAccess", UINT32, OUT_HEXINT32, 4)
                .property("FileName", UNICODESTRING, 0, 0);
    }

    /** A payload of {@link #kernelFileCreate()}: a DLL written to a temp folder. */
    public static PayloadFixture kernelFileCreatePayload() {
        return new PayloadFixture()
                .pointer("Irp", 0xFFFF_A30F_1B2C_3D40L).pointer("FileObject", 0xFFFF_A30F_2233_4450L)
                .u32("IssuingThreadId", 6000).u32("CreateOptions", 0x0100_0060L).u32("CreateAttributes", 0x80)
                .u32("ShareAccess", 7).unicode("FileName", "\\Device\\HarddiskVolume3\\Users\\a\\AppData\\Local\\Temp\\x.dll");
    }

    /** A scalar of fixed or no length. */
    public TraceEventInfoFixture property(String name, int inType, int outType, int length) {
        return add(0, name, inType, outType, 1, length);
    }

    /** Any property, flags and the count/length (or their property indexes) as given. */
    public TraceEventInfoFixture add(int flags, String name, int inTypeOrStructStart, int outTypeOrMembers, int count,
            int length) {
        properties.add(new Property(flags, name, inTypeOrStructStart, outTypeOrMembers, count, length));
        return this;
    }

    /** How many of the properties are top-level (the rest are struct members); all by default. */
    public TraceEventInfoFixture topLevel(int count) {
        topLevelCount = count;
        return this;
    }

    /** Writes {@code value} as the U32 at {@code offset} after laying out, e.g. a bad name offset. */
    public TraceEventInfoFixture overrideU32(int offset, int value) {
        overrides.put(offset, value);
        return this;
    }

    public Memory layOut() {
        int arrayEnd = TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET + properties.size() * EVENT_PROPERTY_INFO.SIZE;
        List<byte[]> names = new ArrayList<>();
        names.add(utf16z(providerName));
        properties.forEach(property -> names.add(utf16z(property.name())));
        int size = arrayEnd + names.stream().mapToInt(name -> name.length).sum();
        Memory memory = new Memory(size);
        memory.clear();
        int nameAt = arrayEnd;
        memory.setInt(52, nameAt);
        memory.write(nameAt, names.get(0), 0, names.get(0).length);
        nameAt += names.get(0).length;
        memory.setInt(100, properties.size());
        memory.setInt(104, topLevelCount == null ? properties.size() : topLevelCount);
        for (int i = 0; i < properties.size(); i++) {
            Property property = properties.get(i);
            int at = TRACE_EVENT_INFO.PROPERTY_ARRAY_OFFSET + i * EVENT_PROPERTY_INFO.SIZE;
            memory.setInt(at, property.flags());
            memory.setInt(at + 4, nameAt);
            memory.setShort(at + 8, (short) property.inType());
            memory.setShort(at + 10, (short) property.outType());
            memory.setShort(at + 16, (short) property.count());
            memory.setShort(at + 18, (short) property.length());
            byte[] name = names.get(i + 1);
            memory.write(nameAt, name, 0, name.length);
            nameAt += name.length;
        }
        overrides.forEach(memory::setInt);
        return memory;
    }

    /** The laid-out buffer as TDH's source hands it over. */
    public ByteBuffer buffer() {
        Memory memory = layOut();
        return memory.getByteBuffer(0, memory.size());
    }

    private static byte[] utf16z(String text) {
        return (text + '\0').getBytes(StandardCharsets.UTF_16LE);
    }
}
