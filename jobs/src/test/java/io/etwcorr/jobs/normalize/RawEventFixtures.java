package io.etwcorr.jobs.normalize;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Raw events as the codec hands them over (Long integers, LinkedHashMap props), and expectations. */
final class RawEventFixtures {

    static final String HOST = "WS-0042";
    static final String RUN = "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10";
    static final long SEQ = 42;
    static final long TS = 1_795_633_628_000_000L;

    static final String KERNEL_PROCESS = "Microsoft-Windows-Kernel-Process";
    static final String DNS_CLIENT = "Microsoft-Windows-DNS-Client";
    static final String KERNEL_NETWORK = "Microsoft-Windows-Kernel-Network";
    static final String COLLECTOR = "EtwCorrelation-Collector";
    static final String KERNEL_NETWORK_GUID = "7dd42a49-5329-4832-8dfd-43d979153a88";

    static final long CREATE_TIME = 1_795_633_627_120_001L;
    static final String NT_IMAGE = "\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe";
    static final String DOS_IMAGE = "C:\\Windows\\System32\\rundll32.exe";
    static final String COMMAND_LINE = "rundll32.exe C:\\Users\\a\\AppData\\Local\\Temp\\x.dll,Start";
    static final String USER = "CORP\\alice";
    /** A kernel pointer above 2^63-1, which the contract writes as a decimal string. */
    static final String KERNEL_POINTER = "18446708889337462784";

    private RawEventFixtures() {}

    static RawEvent raw(String provider, int id, int ver, int pid, Map<String, Object> props) {
        return new RawEvent(1, HOST, RUN, SEQ, TS, provider, null, id, ver, null, pid, -1, props, null);
    }

    static RawEvent withEnrichment(RawEvent raw, Map<String, Object> x) {
        return new RawEvent(raw.v(), raw.host(), raw.run(), raw.seq(), raw.ts(), raw.provider(), raw.guid(),
                raw.id(), raw.ver(), raw.opcode(), raw.pid(), raw.tid(), raw.props(), x);
    }

    static RawEvent withProps(RawEvent raw, Map<String, Object> props) {
        return new RawEvent(raw.v(), raw.host(), raw.run(), raw.seq(), raw.ts(), raw.provider(), raw.guid(),
                raw.id(), raw.ver(), raw.opcode(), raw.pid(), raw.tid(), props, raw.x());
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            map.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return map;
    }

    /** {@code base} followed by more entries. */
    static Map<String, Object> extend(Map<String, Object> base, Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>(base);
        map.putAll(map(keysAndValues));
        return map;
    }

    /** The event {@link #raw} normalizes to: the envelope, the kind, and {@code fields}. */
    static EtwEvent expected(EventKind kind, Consumer<EtwEvent> fields) {
        EtwEvent event = new EtwEvent();
        event.kind = kind;
        event.host = HOST;
        event.run = RUN;
        event.seq = SEQ;
        event.ts = TS;
        fields.accept(event);
        return event;
    }

    // Kernel-Process 1 (ProcessStart) prop sets per version, as in the manifest.

    static Map<String, Object> processStartV0() {
        return map("ProcessID", 7312L, "CreateTime", CREATE_TIME, "ParentProcessID", 5120L, "SessionID", 1L,
                "ImageName", NT_IMAGE);
    }

    static Map<String, Object> processStartV1() {
        return map("ProcessID", 7312L, "CreateTime", CREATE_TIME, "ParentProcessID", 5120L, "SessionID", 1L,
                "Flags", 0L, "ImageName", NT_IMAGE);
    }

    static Map<String, Object> processStartV2() {
        return extend(processStartV1(), "ImageChecksum", 0x2a1b3L, "TimeDateStamp", 0x5e1d2c3bL,
                "PackageFullName", "", "PackageRelativeAppId", "");
    }

    static Map<String, Object> processStartV3() {
        return map("ProcessID", 7312L, "ProcessSequenceNumber", 9981L, "CreateTime", CREATE_TIME,
                "ParentProcessID", 5120L, "ParentProcessSequenceNumber", 9012L, "SessionID", 1L, "Flags", 0L,
                "ProcessTokenElevationType", 3L, "ProcessTokenIsElevated", 0L, "MandatoryLabel", "S-1-16-8192",
                "ImageName", NT_IMAGE, "ImageChecksum", 0x2a1b3L, "TimeDateStamp", 0x5e1d2c3bL,
                "PackageFullName", "", "PackageRelativeAppId", "");
    }

    static Map<String, Object> processStartV4() {
        return extend(processStartV3(), "SecurityMitigations", 0L);
    }

    /** Not checked against a v5 manifest: v4 plus a prop the jobs do not know, which must not matter. */
    static Map<String, Object> processStartV5() {
        return extend(processStartV4(), "SomeLaterProperty", "later");
    }

    // Kernel-Process 2 (ProcessStop).

    static Map<String, Object> processStopV0() {
        return map("ProcessID", 7312L, "CreateTime", CREATE_TIME, "ExitTime", CREATE_TIME + 5_000_000L,
                "ExitCode", 3_221_225_477L, "TokenElevationType", 3L, "HandleCount", 120L, "CommitCharge", 4096L,
                "CommitPeak", 8192L, "ImageName", "rundll32.exe");
    }

    static Map<String, Object> processStopV1() {
        Map<String, Object> props = processStopV0();
        props.remove("ImageName");
        return extend(props, "CPUCycleCount", 123_456_789L, "ReadOperationCount", 3L, "WriteOperationCount", 1L,
                "ReadTransferKiloBytes", 12L, "WriteTransferKiloBytes", 4L, "HardFaultCount", 0L,
                "ImageName", "rundll32.exe");
    }

    static Map<String, Object> processStopV2() {
        Map<String, Object> props = map("ProcessID", 7312L, "ProcessSequenceNumber", 9981L);
        props.putAll(processStopV1());
        return props;
    }

    // Kernel-Process 3 (ThreadStart) and 15 (ProcessRundown).

    static Map<String, Object> threadStart() {
        return map("ProcessID", 7312L, "ThreadID", 7400L, "StackBase", KERNEL_POINTER, "StackLimit", KERNEL_POINTER,
                "UserStackBase", 0x7ff6_0000_0000L, "UserStackLimit", 0x7ff5_ffff_0000L, "StartAddr", KERNEL_POINTER,
                "Win32StartAddr", 0x7ffa_1234_5678L, "TebBase", 0x3a1000L, "SubProcessTag", 0L);
    }

    static Map<String, Object> processRundown() {
        return processStartV3();
    }

    // DNS-Client.

    static Map<String, Object> dnsQuery() {
        return map("QueryName", "Cdn.Evil.Example.", "QueryType", 1L, "QueryOptions", 0x140000L, "ServerList", "",
                "IsNetworkQuery", 0L, "NetworkQueryIndex", 0L, "InterfaceIndex", 0L, "IsAsyncQuery", 0L);
    }

    static Map<String, Object> dnsQueryCompleted(long status, String results) {
        return map("QueryName", "cdn.evil.example", "QueryType", 1L, "QueryOptions", 0x140000L,
                "QueryStatus", status, "QueryResults", results);
    }

    static Map<String, Object> dnsCacheAnswer(long status, String results) {
        return map("QueryName", "cdn.evil.example", "QueryType", 1L, "QueryOptions", 0x140000L, "Status", status,
                "QueryResults", results);
    }

    static Map<String, Object> dnsNetworkAnswer(long status, String results) {
        return map("QueryName", "cdn.evil.example", "QueryType", 1L, "NetworkIndex", 0L, "InterfaceIndex", 12L,
                "Status", status, "QueryResults", results);
    }

    // Kernel-Network: the base set (11, 13, 14, 16, 42, 43 and IPv6 twins), sends (10) and connects (12, 15).

    static Map<String, Object> network(String daddr, String saddr, long size) {
        return map("PID", 7312L, "size", size, "daddr", daddr, "saddr", saddr, "dport", 443L, "sport", 50123L,
                "seqnum", 0L, "connid", 4096L);
    }

    static Map<String, Object> networkSend(String daddr, String saddr, long size) {
        return map("PID", 7312L, "size", size, "daddr", daddr, "saddr", saddr, "dport", 443L, "sport", 50123L,
                "startime", 0L, "endtime", 0L, "seqnum", 1L, "connid", 4096L);
    }

    static Map<String, Object> networkConnect(String daddr, String saddr) {
        return map("PID", 7312L, "size", 0L, "daddr", daddr, "saddr", saddr, "dport", 443L, "sport", 50123L,
                "mss", 1460L, "sackopt", 1L, "tsopt", 0L, "wsopt", 1L, "rcvwin", 65535L, "rcvwinscale", 8L,
                "sndwinscale", 8L, "seqnum", 0L, "connid", 4096L);
    }

    // EtwCorrelation-Collector.

    static Map<String, Object> heartbeat() {
        return map("eventsLost", 3L, "buffersLost", 1L, "sent", 120_000L, "spooled", 250L, "dropped", 0L,
                "providers", List.of(KERNEL_PROCESS, DNS_CLIENT, KERNEL_NETWORK));
    }
}
