package io.etwcorr.testkit.etw;


import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One ETW event as ProcessTrace would deliver it (header fields, keyword mask, payload bytes and
 * extended data items), with the props the decoder must return for it.
 */
public record EtwEventFixture(String providerName, UUID provider, int id, int version, int opcode, int headerFlags, int pid,
        int tid, long tsMicros, byte[] payload, Map<String, Object> expectedProps, long keyword,
        List<ExtendedDataItem> extendedData) {

    public EtwEventFixture {
        extendedData = List.copyOf(extendedData);
    }

    /** An event without extended data. */
    public EtwEventFixture(String providerName, UUID provider, int id, int version, int opcode, int headerFlags, int pid,
            int tid, long tsMicros, byte[] payload, Map<String, Object> expectedProps, long keyword) {
        this(providerName, provider, id, version, opcode, headerFlags, pid, tid, tsMicros, payload, expectedProps, keyword,
                List.of());
    }

    /** An event without keywords. */
    public EtwEventFixture(String providerName, UUID provider, int id, int version, int opcode, int headerFlags, int pid,
            int tid, long tsMicros, byte[] payload, Map<String, Object> expectedProps) {
        this(providerName, provider, id, version, opcode, headerFlags, pid, tid, tsMicros, payload, expectedProps, 0);
    }

    /** The same event with its payload cut to {@code length} bytes. */
    public EtwEventFixture truncatedTo(int length) {
        return new EtwEventFixture(providerName, provider, id, version, opcode, headerFlags, pid, tid, tsMicros,
                Arrays.copyOf(payload, length), expectedProps, keyword, extendedData);
    }

    /** The same event with these extended data items, in order. */
    public EtwEventFixture withExtendedData(ExtendedDataItem... items) {
        return new EtwEventFixture(providerName, provider, id, version, opcode, headerFlags, pid, tid, tsMicros, payload,
                expectedProps, keyword, List.of(items));
    }

    /** The same event logged at {@code micros} since the epoch with the keyword mask {@code mask}. */
    public EtwEventFixture at(long micros, long mask) {
        return new EtwEventFixture(providerName, provider, id, version, opcode, headerFlags, pid, tid, micros, payload,
                expectedProps, mask, extendedData);
    }

    /** Names parameterized tests, e.g. {@code Microsoft-Windows-Kernel-Network 12 v0}. */
    @Override
    public String toString() {
        return providerName + " " + id + " v" + version + ((headerFlags & EventHeaderFlags.POINTERS_32_BIT) != 0 ? " (32-bit)" : "");
    }
}
