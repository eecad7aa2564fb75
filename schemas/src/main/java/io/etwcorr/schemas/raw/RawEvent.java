package io.etwcorr.schemas.raw;

import java.util.List;
import java.util.Map;

/**
 * One raw ETW record as the collector sends it (docs/contract/raw-events.md, "Envelope").
 *
 * <p>{@code props} and {@code x} hold JSON values as plain Java objects: {@link Long} for integers,
 * {@link Double} for other numbers, {@link String}, {@link Boolean}, and {@link List} of those for
 * array properties. Optional envelope fields ({@code guid}, {@code opcode}, {@code x}, {@code pkey}) are
 * null when absent. Instances come from {@link RawEventCodec}, which guarantees the contract's constraints.
 *
 * @param pkey the process start key (ETW's EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY) of the process that
 *             logged the event, the envelope {@code pid}; null when ETW did not deliver one
 */
public record RawEvent(
        int v,
        String host,
        String run,
        long seq,
        long ts,
        String provider,
        String guid,
        int id,
        int ver,
        Integer opcode,
        int pid,
        int tid,
        Map<String, Object> props,
        Map<String, Object> x,
        Long pkey) {

    /** A record without a process start key. */
    public RawEvent(int v, String host, String run, long seq, long ts, String provider, String guid, int id, int ver,
            Integer opcode, int pid, int tid, Map<String, Object> props, Map<String, Object> x) {
        this(v, host, run, seq, ts, provider, guid, id, ver, opcode, pid, tid, props, x, null);
    }

    /** The integer property {@code name}, or null when it is absent or not an integer. */
    public Long propLong(String name) {
        return props.get(name) instanceof Long value ? value : null;
    }

    /** The string property {@code name}, or null when it is absent or not a string. */
    public String propString(String name) {
        return props.get(name) instanceof String value ? value : null;
    }

    /** The string enrichment {@code key} of {@code x}, or null when absent. */
    public String enrichment(String key) {
        return x != null && x.get(key) instanceof String value ? value : null;
    }
}
