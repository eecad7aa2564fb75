package io.etwcorr.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the events of docs/contract/raw-events.md with the manifests' property names, types and order.
 * Kernel addresses above 2^63 travel as decimal strings, as the contract requires.
 */
final class EtwEvents {
    static final String KERNEL_PROCESS = "Microsoft-Windows-Kernel-Process";
    static final String DNS_CLIENT = "Microsoft-Windows-DNS-Client";
    static final String KERNEL_NETWORK = "Microsoft-Windows-Kernel-Network";
    static final String KERNEL_FILE = "Microsoft-Windows-Kernel-File";
    static final String COLLECTOR = "EtwCorrelation-Collector";
    static final List<String> PROVIDERS = List.of(KERNEL_PROCESS, DNS_CLIENT, KERNEL_NETWORK, KERNEL_FILE);

    static final int PROCESS_START = 1;
    static final int PROCESS_STOP = 2;
    static final int THREAD_START = 3;
    static final int PROCESS_RUNDOWN = 15;
    static final int DNS_QUERY = 3006;
    static final int DNS_COMPLETED = 3008;
    static final int TCP_SEND_V4 = 10;
    static final int TCP_RECEIVE_V4 = 11;
    static final int TCP_CONNECT_V4 = 12;
    static final int TCP_DISCONNECT_V4 = 13;
    static final int UDP_SEND_V4 = 42;
    static final int UDP_RECEIVE_V4 = 43;
    /** Kernel-Network numbers its IPv6 twin of every IPv4 TCP event 16 higher (10 → 26 …). */
    static final int TCP_IPV6_OFFSET = 16;
    static final int HEARTBEAT = 1;

    static final int QUERY_TYPE_A = 1;
    static final int QUERY_TYPE_TXT = 16;
    static final int QUERY_TYPE_AAAA = 28;

    private static final String KERNEL_PROCESS_GUID = "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716";
    private static final String DNS_CLIENT_GUID = "1c95126e-7eea-49a9-a3fe-a378b03ddb4d";
    private static final String KERNEL_NETWORK_GUID = "7dd42a49-5329-4832-8dfd-43d979153a88";
    private static final String KERNEL_FILE_GUID = "edd08927-9cc4-4e65-b970-c2560fb5c289";
    private static final long QUERY_OPTIONS = 0x4000_0000_6000L;
    private static final int SYSTEM_PID = 4;
    private static final int UNKNOWN = -1;
    private static final int FILE_CREATE = 12;

    private EtwEvents() {
    }

    /** ProcessStart (id 1, v3), logged by the creator, or ProcessRundown (id 15) for a process older than the session. */
    static EventDraft processStart(long ts, SimProcess p, int creatorPid, int creatorTid, boolean rundown) {
        Props props = new Props();
        props.put("ProcessID", p.pid());
        props.put("ProcessSequenceNumber", p.sequence());
        props.put("CreateTime", p.createTime());
        props.put("ParentProcessID", p.parentPid());
        props.put("ParentProcessSequenceNumber", p.parentSequence());
        props.put("SessionID", p.session());
        props.put("Flags", 0);
        props.put("ProcessTokenElevationType", p.session() == 0 ? 1 : 3);
        props.put("ProcessTokenIsElevated", p.session() == 0 ? 1 : 0);
        props.put("MandatoryLabel", p.session() == 0 ? "S-1-16-16384" : "S-1-16-8192");
        props.put("ImageName", p.image().ntPath());
        props.put("ImageChecksum", imageChecksum(p.image()));
        props.put("TimeDateStamp", 0x5F3C_0000L + (imageChecksum(p.image()) & 0xFFFFFL));
        props.put("PackageFullName", "");
        props.put("PackageRelativeAppId", "");
        Map<String, Object> x = new LinkedHashMap<>();
        if (p.image().dosPath() != null) {
            x.put("image", p.image().dosPath());
        }
        x.put("cmdline", p.commandLine());
        x.put("user", p.user());
        return new EventDraft(ts, KERNEL_PROCESS, KERNEL_PROCESS_GUID, rundown ? PROCESS_RUNDOWN : PROCESS_START, 3,
                rundown ? null : 1, creatorPid, creatorTid, props, x);
    }

    /** ProcessStop (id 2, v2), logged in the exiting process. ImageName is the short ANSI name here. */
    static EventDraft processStop(long ts, SimProcess p, int exitCode, long cpuCycles) {
        Props props = new Props();
        props.put("ProcessID", p.pid());
        props.put("ProcessSequenceNumber", p.sequence());
        props.put("CreateTime", p.createTime());
        props.put("ExitTime", ts);
        props.put("ExitCode", exitCode);
        props.put("TokenElevationType", p.session() == 0 ? 1 : 3);
        props.put("HandleCount", 40 + cpuCycles % 200);
        props.put("CommitCharge", 4_096L * (300 + cpuCycles % 3_000));
        props.put("CommitPeak", 4_096L * (400 + cpuCycles % 4_000));
        props.put("CPUCycleCount", cpuCycles);
        props.put("ReadOperationCount", cpuCycles % 97);
        props.put("WriteOperationCount", cpuCycles % 13);
        props.put("ReadTransferKiloBytes", cpuCycles % 1_024);
        props.put("WriteTransferKiloBytes", cpuCycles % 64);
        props.put("HardFaultCount", cpuCycles % 7);
        props.put("ImageName", p.name());
        Map<String, Object> x = new LinkedHashMap<>();
        if (p.image().dosPath() != null) {
            x.put("image", p.image().dosPath());
        }
        return new EventDraft(ts, KERNEL_PROCESS, KERNEL_PROCESS_GUID, PROCESS_STOP, 2, 2, p.pid(), p.mainThread(), props, x);
    }

    /**
     * ThreadStart (id 3, v1): thread {@code threadId} of process {@code ownerPid}, logged in the
     * creating thread's context. Stack addresses are kernel addresses, so above 2^63.
     */
    static EventDraft threadStart(long ts, int creatorPid, int creatorTid, int ownerPid, int threadId, ThreadAddresses at) {
        Props props = new Props();
        props.put("ProcessID", ownerPid);
        props.put("ThreadID", threadId);
        props.put("StackBase", Long.toUnsignedString(at.kernelStack()));
        props.put("StackLimit", Long.toUnsignedString(at.kernelStack() - 0x6000));
        props.put("UserStackBase", at.userStack());
        props.put("UserStackLimit", at.userStack() - 0x3000);
        props.put("StartAddr", at.start());
        props.put("Win32StartAddr", at.win32Start());
        props.put("TebBase", at.teb());
        props.put("SubProcessTag", 0);
        return new EventDraft(ts, KERNEL_PROCESS, KERNEL_PROCESS_GUID, THREAD_START, 1, 1, creatorPid, creatorTid, props, null);
    }

    /** DNS-Client 3006: a query started in {@code caller}. */
    static EventDraft dnsQuery(long ts, SimProcess caller, String name, int queryType, int interfaceIndex) {
        Props props = new Props();
        props.put("QueryName", name);
        props.put("QueryType", queryType);
        props.put("QueryOptions", QUERY_OPTIONS);
        props.put("ServerList", "");
        props.put("IsNetworkQuery", 0);
        props.put("NetworkQueryIndex", 0);
        props.put("InterfaceIndex", interfaceIndex);
        props.put("IsAsyncQuery", 0);
        return new EventDraft(ts, DNS_CLIENT, DNS_CLIENT_GUID, DNS_QUERY, 0, null, caller.pid(), caller.mainThread(), props, null);
    }

    /** DNS-Client 3008: the query of {@code caller} completed with {@code status} and {@code results}. */
    static EventDraft dnsCompleted(long ts, SimProcess caller, String name, int queryType, int status, String results) {
        Props props = new Props();
        props.put("QueryName", name);
        props.put("QueryType", queryType);
        props.put("QueryOptions", QUERY_OPTIONS);
        props.put("QueryStatus", status);
        props.put("QueryResults", results);
        return new EventDraft(ts, DNS_CLIENT, DNS_CLIENT_GUID, DNS_COMPLETED, 0, null, caller.pid(), caller.mainThread(), props, null);
    }

    /** Kernel-Network 12/28: outbound connect. Logged in an arbitrary context, so the envelope pid is unknown. */
    static EventDraft tcpConnect(long ts, TcpConnection c) {
        Props props = endpoints(c, 0);
        props.put("mss", c.ipv6 ? 1440 : 1460);
        props.put("sackopt", 1);
        props.put("tsopt", 0);
        props.put("wsopt", 1);
        props.put("rcvwin", 64_240);
        props.put("rcvwinscale", 8);
        props.put("sndwinscale", 8);
        props.put("seqnum", c.nextSegment());
        props.put("connid", c.connectionId);
        return network(ts, tcpId(TCP_CONNECT_V4, c), UNKNOWN, UNKNOWN, props);
    }

    /** Kernel-Network 10/26: {@code size} bytes sent, logged in the sending thread. */
    static EventDraft tcpSend(long ts, TcpConnection c, int size) {
        Props props = endpoints(c, size);
        props.put("startime", 0);
        props.put("endtime", 0);
        props.put("seqnum", c.nextSegment());
        props.put("connid", c.connectionId);
        return network(ts, tcpId(TCP_SEND_V4, c), c.owner.pid(), c.owner.mainThread(), props);
    }

    /** Kernel-Network 11/27: {@code size} bytes received, logged from the network stack (System). */
    static EventDraft tcpReceive(long ts, TcpConnection c, int size) {
        return segment(ts, TCP_RECEIVE_V4, c, size);
    }

    /** Kernel-Network 13/29: the connection closed. */
    static EventDraft tcpDisconnect(long ts, TcpConnection c) {
        return segment(ts, TCP_DISCONNECT_V4, c, 0);
    }

    /** Kernel-Network 42 / 43: one UDP datagram of {@code owner} sent to or received from the remote endpoint. */
    static EventDraft udp(long ts, boolean sent, SimProcess owner, String local, int localPort, String remote, int remotePort, int size) {
        Props props = new Props();
        props.put("PID", owner.pid());
        props.put("size", size);
        props.put("daddr", remote);
        props.put("saddr", local);
        props.put("dport", remotePort);
        props.put("sport", localPort);
        props.put("seqnum", 0);
        props.put("connid", 0);
        return sent ? network(ts, UDP_SEND_V4, owner.pid(), owner.mainThread(), props)
                : network(ts, UDP_RECEIVE_V4, SYSTEM_PID, 0, props);
    }

    /** The collector's heartbeat (contract "Collector records"). */
    static EventDraft heartbeat(long ts, long sent, int collectorPid, int collectorTid) {
        Props props = new Props();
        props.put("eventsLost", 0);
        props.put("buffersLost", 0);
        props.put("sent", sent);
        props.put("spooled", 0);
        props.put("dropped", 0);
        props.put("providers", PROVIDERS);
        return new EventDraft(ts, COLLECTOR, null, HEARTBEAT, 0, null, collectorPid, collectorTid, props, null);
    }

    /** Kernel-File Create: a provider the jobs do not correlate, so they pass it over and count it. */
    static EventDraft fileCreate(long ts, SimProcess p, long fileObject, String fileName) {
        Props props = new Props();
        props.put("Irp", Long.toUnsignedString(fileObject ^ 0x5A5A_0000L));
        props.put("FileObject", Long.toUnsignedString(fileObject));
        props.put("IssuingThreadId", p.mainThread());
        props.put("CreateOptions", 0x0100_0060);
        props.put("CreateAttributes", 0x80);
        props.put("ShareAccess", 3);
        props.put("FileName", fileName);
        return new EventDraft(ts, KERNEL_FILE, KERNEL_FILE_GUID, FILE_CREATE, 1, 64, p.pid(), p.mainThread(), props, null);
    }

    private static EventDraft segment(long ts, int ipv4Id, TcpConnection c, int size) {
        Props props = endpoints(c, size);
        props.put("seqnum", c.nextSegment());
        props.put("connid", c.connectionId);
        return network(ts, tcpId(ipv4Id, c), SYSTEM_PID, 0, props);
    }

    private static Props endpoints(TcpConnection c, int size) {
        Props props = new Props();
        props.put("PID", c.owner.pid());
        props.put("size", size);
        props.put("daddr", c.remoteAddress);
        props.put("saddr", c.localAddress);
        props.put("dport", c.remotePort);
        props.put("sport", c.localPort);
        return props;
    }

    private static int tcpId(int ipv4Id, TcpConnection c) {
        return c.ipv6 ? ipv4Id + TCP_IPV6_OFFSET : ipv4Id;
    }

    // Kernel-Network's opcode is its event id (etw-layouts.md).
    private static EventDraft network(long ts, int id, int pid, int tid, Props props) {
        return new EventDraft(ts, KERNEL_NETWORK, KERNEL_NETWORK_GUID, id, 0, id, pid, tid, props, null);
    }

    private static long imageChecksum(ProcessImage image) {
        return Seeds.of(image.ntPath()) & 0xFFFFFFL;
    }
}
