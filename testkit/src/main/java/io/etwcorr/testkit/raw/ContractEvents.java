package io.etwcorr.testkit.raw;

import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One valid record of every event id and version the jobs correlate (docs/contract/raw-events.md), with
 * the props the normalizer checks and their type, so a fuzzer can break exactly one of them.
 */
public final class ContractEvents {
    public static final String KERNEL_PROCESS = "Microsoft-Windows-Kernel-Process";
    public static final String DNS_CLIENT = "Microsoft-Windows-DNS-Client";
    public static final String KERNEL_NETWORK = "Microsoft-Windows-Kernel-Network";
    public static final String COLLECTOR = "EtwCorrelation-Collector";

    /** What the normalizer accepts for a prop; each type knows values it must refuse. */
    public enum PropType {
        UINT16(List.of("443", true, 1.5, List.of(1L), -1L, 65_536L)),
        UINT32(List.of("7312", true, 1.5, List.of(1L), -1L, 1L << 40)),
        INT64(List.of("1795633627120001", true, 1.5, List.of(1L))),
        UINT64(List.of("abc", -3L, true, 1.5, "18446744073709551616", "")),
        COUNT(List.of("3", true, 1.5, List.of(1L), -1L)),
        TEXT(List.of(5L, true, 2.5, List.of("a"))),
        IP(List.of("not-an-ip", 5L, "999.1.1.1", "", "::g"));

        final List<Object> refused;

        PropType(List<Object> refused) {
            this.refused = refused;
        }
    }

    /** A prop the normalizer checks: required ones must be present, present ones must be of their type. */
    public record CheckedProp(String name, PropType type, boolean required) {}

    /** A valid record and the props of it the normalizer checks. */
    public record Template(RawEvent event, List<CheckedProp> checked) {
        List<CheckedProp> required() {
            return checked.stream().filter(CheckedProp::required).toList();
        }
    }

    public static final String HOST = "FUZZ-0001";
    public static final String RUN = "0b7d4c3e-fuzz-4e1f-9d2a-5c6b7a8e9f00";
    /** 2026-11-25T00:00:01Z, inside the simulated fleet's first minute. */
    public static final long TS = 1_795_593_601_000_000L;

    private ContractEvents() {}

    public static List<Template> all() {
        List<Template> templates = new ArrayList<>();
        for (int id : new int[] {1, 15}) {
            for (int ver : new int[] {0, 3}) {
                Map<String, Object> props = props("ProcessID", 7312L, "ParentProcessID", 5120L,
                        "CreateTime", 1_795_593_600_120_001L, "SessionID", 1L,
                        "ImageName", "\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe");
                List<CheckedProp> checked = new ArrayList<>(List.of(required("ProcessID", PropType.UINT32),
                        required("ParentProcessID", PropType.UINT32), required("CreateTime", PropType.INT64),
                        optional("SessionID", PropType.UINT32), optional("ImageName", PropType.TEXT)));
                if (ver >= 3) {
                    props.put("ProcessSequenceNumber", 9981L);
                    props.put("ParentProcessSequenceNumber", 9012L);
                    checked.add(optional("ProcessSequenceNumber", PropType.UINT64));
                    checked.add(optional("ParentProcessSequenceNumber", PropType.UINT64));
                }
                templates.add(template(KERNEL_PROCESS, id, ver, props, checked));
            }
        }
        for (int ver : new int[] {0, 2}) {
            Map<String, Object> props = props("ProcessID", 7312L, "CreateTime", 1_795_593_600_120_001L,
                    "ExitTime", 1_795_593_700_000_000L, "ExitCode", 0L, "ImageName", "\\Device\\x.exe");
            List<CheckedProp> checked = new ArrayList<>(List.of(required("ProcessID", PropType.UINT32),
                    required("CreateTime", PropType.INT64), optional("ExitTime", PropType.INT64),
                    optional("ExitCode", PropType.UINT32), optional("ImageName", PropType.TEXT)));
            if (ver >= 2) {
                props.put("ProcessSequenceNumber", 9981L);
                checked.add(optional("ProcessSequenceNumber", PropType.UINT64));
            }
            templates.add(template(KERNEL_PROCESS, 2, ver, props, checked));
        }
        templates.add(template(KERNEL_PROCESS, 3, 1,
                props("ProcessID", 7312L, "ThreadID", 7400L, "StartAddr", 1L, "Win32StartAddr", 2L),
                List.of(required("ProcessID", PropType.UINT32), required("ThreadID", PropType.UINT32))));
        templates.add(template(DNS_CLIENT, 3006, 0, props("QueryName", "cdn.evil.example", "QueryType", 1L,
                        "QueryOptions", 0L, "ServerList", "10.0.0.1;", "IsNetworkQuery", 0L),
                List.of(required("QueryName", PropType.TEXT), required("QueryType", PropType.UINT16),
                        optional("ClientPID", PropType.UINT32))));
        templates.add(template(DNS_CLIENT, 3008, 0, props("QueryName", "cdn.evil.example", "QueryType", 1L,
                        "QueryOptions", 0L, "QueryStatus", 0L, "QueryResults", "::ffff:203.0.113.7;"),
                dnsAnswer("QueryStatus")));
        for (int id : new int[] {3018, 3020}) {
            for (int ver : new int[] {0, 1}) {
                Map<String, Object> props = props("QueryName", "cdn.evil.example", "QueryType", 1L,
                        "Status", 0L, "QueryResults", "type:  5 edge.example.net;198.51.44.6;");
                if (ver >= 1) {
                    props.put("ClientPID", 7312L);
                }
                templates.add(template(DNS_CLIENT, id, ver, props, dnsAnswer("Status")));
            }
        }
        for (int id : new int[] {10, 11, 12, 13, 14, 15, 16, 42, 43, 26, 27, 28, 29, 30, 31, 32, 58, 59}) {
            boolean ipv6 = id >= 26;
            templates.add(template(KERNEL_NETWORK, id, 0, props("PID", 7312L, "size", 517L,
                            "daddr", ipv6 ? "2001:db8::7" : "203.0.113.7", "saddr", ipv6 ? "2001:db8::42" : "10.0.0.42",
                            "dport", 443L, "sport", 50_123L, "seqnum", 1L, "connid", 4096L),
                    List.of(required("PID", PropType.UINT32), required("size", PropType.UINT32),
                            required("daddr", PropType.IP), required("saddr", PropType.IP),
                            required("dport", PropType.UINT16), required("sport", PropType.UINT16),
                            optional("connid", PropType.UINT64))));
        }
        templates.add(template(COLLECTOR, 1, 0, props("eventsLost", 0L, "buffersLost", 0L, "sent", 10L,
                        "spooled", 0L, "dropped", 0L, "providers", List.of(DNS_CLIENT)),
                List.of(required("eventsLost", PropType.COUNT), required("buffersLost", PropType.COUNT),
                        required("sent", PropType.COUNT), required("spooled", PropType.COUNT),
                        required("dropped", PropType.COUNT))));
        return templates;
    }

    private static List<CheckedProp> dnsAnswer(String statusProp) {
        return List.of(required("QueryName", PropType.TEXT), required("QueryType", PropType.UINT16),
                required(statusProp, PropType.UINT32), optional("QueryResults", PropType.TEXT),
                optional("ClientPID", PropType.UINT32));
    }

    private static Template template(String provider, int id, int ver, Map<String, Object> props,
            List<CheckedProp> checked) {
        return new Template(new RawEvent(1, HOST, RUN, 0, TS, provider, null, id, ver, null, 7312, 7400, props, null),
                List.copyOf(checked));
    }

    private static CheckedProp required(String name, PropType type) {
        return new CheckedProp(name, type, true);
    }

    private static CheckedProp optional(String name, PropType type) {
        return new CheckedProp(name, type, false);
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }
}
