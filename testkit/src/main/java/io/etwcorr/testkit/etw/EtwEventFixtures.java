package io.etwcorr.testkit.etw;



import io.etwcorr.schemas.etw.EtwProvider;
import java.util.List;

/** The correlated events as test fixtures, with the example values of docs/contract/raw-events.md. */
public final class EtwEventFixtures {
    public static final long TS_MICROS = 1_795_633_628_051_000L;
    public static final long CREATE_TIME_MICROS = 1_795_633_627_120_001L;
    public static final String IMAGE = "\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe";
    public static final String DNS_RESULTS = "type:  5 edge.example-dns.com;::ffff:162.125.81.15;198.51.44.6;2620:4d:4000::1;";
    /** Header ProcessId/ThreadId of Kernel-Network events: all ones, "unknown". */
    public static final int UNKNOWN_ID = -1;
    private static final int TCP_CONNECT_V4 = 12;
    private static final int TCP_SEND_V4 = 10;
    private static final int TCP_RECEIVE_V4 = 11;
    private static final int TCP_RECEIVE_V6 = 27;
    private static final int TCP_CONNECT_V6 = 28;
    private static final int TCP_SEND_V6 = 26;
    private static final int DNS_QUERY_COMPLETED = 3008;

    private EtwEventFixtures() {
    }

    /** One of each: connect and send over IPv4 and IPv6, a DNS answer, process start and stop, thread start. */
    public static List<EtwEventFixture> oneOfEach(int pid) {
        return List.of(
                processStartV3(5120, pid),
                dnsQueryCompleted(pid, "cdn.evil.example", "::ffff:203.0.113.7;"),
                connectV4(pid, 4096),
                sendV4(pid, 4096, TS_MICROS + 42_000),
                connectV6(pid, 8192),
                sendV6(pid, 8192),
                threadStart(5120, pid, false),
                processStopV2(pid));
    }

    public static EtwEventFixture connectV4(int pid, long connid) {
        return connectV4(TCP_CONNECT_V4, pid, connid, endpointsV4(pid, 0));
    }

    /** A TCP connect (id 12) or accept (id 15) over IPv4 between the given local and remote endpoints. */
    public static EtwEventFixture connectV4(int id, int pid, long connid, String saddr, int sport, String daddr, int dport) {
        return connectV4(id, pid, connid, endpointsV4(pid, 0, saddr, sport, daddr, dport));
    }

    /** TCP data over IPv4 sent (id 10) or received (id 11) between the given local and remote endpoints. */
    public static EtwEventFixture transferV4(int id, int pid, long connid, long size, String saddr, int sport, String daddr,
            int dport) {
        PayloadFixture payload = endpointsV4(pid, size, saddr, sport, daddr, dport);
        if (id == TCP_SEND_V4) {
            payload.u32("startime", 0).u32("endtime", 0);
        }
        return network(id, TS_MICROS + 10, payload.u32("seqnum", 1).u32("connid", connid));
    }

    private static EtwEventFixture connectV4(int id, int pid, long connid, PayloadFixture endpoints) {
        PayloadFixture payload = endpoints
                .u16("mss", 1460).u16("sackopt", 1).u16("tsopt", 0).u16("wsopt", 1).u32("rcvwin", 65535)
                .u16("rcvwinscale", 8).u16("sndwinscale", 8).u32("seqnum", 0).u32("connid", connid);
        return network(id, TS_MICROS, payload);
    }

    public static EtwEventFixture sendV4(int pid, long connid, long tsMicros) {
        PayloadFixture payload = endpointsV4(pid, 517)
                .u32("startime", 0).u32("endtime", 0).u32("seqnum", 1).u32("connid", connid);
        return network(TCP_SEND_V4, tsMicros, payload);
    }

    public static EtwEventFixture receiveV4(int pid, long connid) {
        return network(TCP_RECEIVE_V4, TS_MICROS + 3, endpointsV4(pid, 1460).u32("seqnum", 2).u32("connid", connid));
    }

    public static EtwEventFixture receiveV6(int pid, long connid) {
        return network(TCP_RECEIVE_V6, TS_MICROS + 4, endpointsV6(pid, 2920).u32("seqnum", 2).u32("connid", connid));
    }

    public static EtwEventFixture connectV6(int pid, long connid) {
        PayloadFixture payload = endpointsV6(pid, 0)
                .u16("mss", 1440).u16("sackopt", 1).u16("tsopt", 1).u16("wsopt", 1).u32("rcvwin", 64800)
                .u16("rcvwinscale", 7).u16("sndwinscale", 8).u32("seqnum", 0).u32("connid", connid);
        return network(TCP_CONNECT_V6, TS_MICROS + 1, payload);
    }

    public static EtwEventFixture sendV6(int pid, long connid) {
        PayloadFixture payload = endpointsV6(pid, 1200)
                .u32("startime", 0).u32("endtime", 0).u32("seqnum", 1).u32("connid", connid);
        return network(TCP_SEND_V6, TS_MICROS + 2, payload);
    }

    public static EtwEventFixture dnsQueryCompleted(int pid, String queryName, String results) {
        PayloadFixture payload = new PayloadFixture()
                .unicode("QueryName", queryName).u32("QueryType", 1).u64("QueryOptions", 0x4000)
                .u32("QueryStatus", 0).unicode("QueryResults", results);
        return event(EtwProvider.DNS_CLIENT, DNS_QUERY_COMPLETED, 0, 0, 0, pid, pid + 88, TS_MICROS - 51_000, payload);
    }

    /** ProcessStart v3, logged by the creator. */
    public static EtwEventFixture processStartV3(int creatorPid, int pid) {
        return processStartV3(creatorPid, pid, 9981, 9012, IMAGE);
    }

    /** ProcessStart v3 of {@code pid} with its and its creator's sequence numbers and its NT image path. */
    public static EtwEventFixture processStartV3(int creatorPid, int pid, long sequence, long creatorSequence, String image) {
        PayloadFixture payload = new PayloadFixture()
                .u32("ProcessID", pid).u64("ProcessSequenceNumber", sequence).filetime("CreateTime", CREATE_TIME_MICROS)
                .u32("ParentProcessID", creatorPid).u64("ParentProcessSequenceNumber", creatorSequence).u32("SessionID", 1)
                .u32("Flags", 0).u32("ProcessTokenElevationType", 3).u32("ProcessTokenIsElevated", 0)
                .sid("MandatoryLabel", "S-1-16-8192").unicode("ImageName", image).u32("ImageChecksum", 0x1_2345)
                .u32("TimeDateStamp", 0x5e2b_1c3d).unicode("PackageFullName", "").unicode("PackageRelativeAppId", "");
        return event(EtwProvider.KERNEL_PROCESS, 1, 3, 1, 0, creatorPid, 6000, TS_MICROS - 930_999, payload);
    }

    /** ProcessStop v2, with the kernel's short ANSI image name. */
    public static EtwEventFixture processStopV2(int pid) {
        return processStopV2(pid, 9981, 0);
    }

    /** ProcessStop v2 of {@code pid} with its sequence number and exit code. */
    public static EtwEventFixture processStopV2(int pid, long sequence, long exitCode) {
        PayloadFixture payload = new PayloadFixture()
                .u32("ProcessID", pid).u64("ProcessSequenceNumber", sequence).filetime("CreateTime", CREATE_TIME_MICROS)
                .filetime("ExitTime", TS_MICROS + 5_000_000).u32("ExitCode", exitCode).u32("TokenElevationType", 3)
                .u32("HandleCount", 120).u64("CommitCharge", 4_096_000).u64("CommitPeak", 8_192_000)
                .u64("CPUCycleCount", 123_456_789).u32("ReadOperationCount", 10).u32("WriteOperationCount", 2)
                .u32("ReadTransferKiloBytes", 64).u32("WriteTransferKiloBytes", 4).u32("HardFaultCount", 1)
                .ansi("ImageName", "rundll32.exe");
        return event(EtwProvider.KERNEL_PROCESS, 2, 2, 2, 0, pid, 7400, TS_MICROS + 5_000_001, payload);
    }

    /** ThreadStart v1 logged by {@code creatorPid} in {@code pid}; 32-bit pointers with the 32-bit header flag. */
    public static EtwEventFixture threadStart(int creatorPid, int pid, boolean pointers32Bit) {
        PayloadFixture payload = new PayloadFixture(pointers32Bit)
                .u32("ProcessID", pid).u32("ThreadID", 7400).pointer("StackBase", 0x7ff6_0000_0000L)
                .pointer("StackLimit", 0x7ff5_ffff_0000L).pointer("UserStackBase", 0x2_0000_0000L)
                .pointer("UserStackLimit", 0x1_fff0_0000L).pointer("StartAddr", 0x7ff6_a1b2_c3d0L)
                .pointer("Win32StartAddr", 0x7ff6_a1b2_c400L).pointer("TebBase", 0x3_0000_0000L).u32("SubProcessTag", 0);
        int flags = pointers32Bit ? EventHeaderFlags.POINTERS_32_BIT : 0;
        return event(EtwProvider.KERNEL_PROCESS, 3, 1, 1, flags, creatorPid, 6000, TS_MICROS - 900_000, payload);
    }

    /** A DNS-Client event id no manifest decoder knows. */
    public static EtwEventFixture unknownDnsEvent() {
        return event(EtwProvider.DNS_CLIENT, 1001, 0, 0, 0, 4, 8, TS_MICROS, new PayloadFixture().u32("Whatever", 1));
    }

    private static PayloadFixture endpointsV4(int pid, long size) {
        return endpointsV4(pid, size, "10.0.0.42", 50123, "203.0.113.7", 443);
    }

    private static PayloadFixture endpointsV4(int pid, long size, String saddr, int sport, String daddr, int dport) {
        return new PayloadFixture().u32("PID", pid).u32("size", size)
                .address("daddr", daddr, daddr).address("saddr", saddr, saddr).port("dport", dport).port("sport", sport);
    }

    private static PayloadFixture endpointsV6(int pid, long size) {
        return new PayloadFixture().u32("PID", pid).u32("size", size)
                .address("daddr", "2001:db8:0:0:0:0:0:1", "2001:db8::1")
                .address("saddr", "fe80:0:0:0:1c2b:3a4d:5e6f:7a8b", "fe80::1c2b:3a4d:5e6f:7a8b")
                .port("dport", 8443).port("sport", 50200);
    }

    /** Kernel-Network: task TCPIP, opcode = id, header pid and tid unknown. */
    private static EtwEventFixture network(int id, long tsMicros, PayloadFixture payload) {
        return event(EtwProvider.KERNEL_NETWORK, id, 0, id, 0, UNKNOWN_ID, UNKNOWN_ID, tsMicros, payload);
    }

    private static EtwEventFixture event(EtwProvider provider, int id, int version, int opcode, int flags, int pid, int tid,
            long tsMicros, PayloadFixture payload) {
        return new EtwEventFixture(provider.providerName(), provider.guid(), id, version, opcode, flags, pid, tid, tsMicros,
                payload.bytes(), payload.expected());
    }
}
