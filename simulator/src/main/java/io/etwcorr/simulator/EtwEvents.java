package io.etwcorr.simulator;

import io.etwcorr.schemas.etw.DnsClient;
import io.etwcorr.schemas.etw.EtwCatalog;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.etw.KernelNetwork;
import io.etwcorr.schemas.etw.KernelProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the events of docs/contract/raw-events.md with the manifests' property names, types and order.
 * Kernel addresses above 2^63 travel as decimal strings, as the contract requires. The versions are
 * those a host from Windows 10 1903 up to, not including, Windows 11 24H2 logs (docs/contract/etw-layouts.md):
 * ProcessStart v3, ProcessRundown v1, ProcessStop v2, ThreadStart v1, DNS-Client and Kernel-Network v0.
 */
final class EtwEvents {
    static final String KERNEL_FILE = "Microsoft-Windows-Kernel-File";
    static final List<String> PROVIDERS = List.of(EtwProvider.KERNEL_PROCESS.providerName(),
            EtwProvider.DNS_CLIENT.providerName(), EtwProvider.KERNEL_NETWORK.providerName(), KERNEL_FILE);
    static final int HEARTBEAT = 1;

    static final int QUERY_TYPE_A = 1;
    static final int QUERY_TYPE_TXT = 16;
    static final int QUERY_TYPE_AAAA = 28;

    private static final int PROCESS_START_VERSION = 3;
    /** The ProcessRundown version with ProcessStart v3's properties. */
    private static final int PROCESS_RUNDOWN_VERSION = 1;
    private static final String KERNEL_PROCESS_NAME = EtwProvider.KERNEL_PROCESS.providerName();
    private static final String KERNEL_PROCESS_GUID = EtwProvider.KERNEL_PROCESS.guidText();
    private static final String DNS_CLIENT_NAME = EtwProvider.DNS_CLIENT.providerName();
    private static final String DNS_CLIENT_GUID = EtwProvider.DNS_CLIENT.guidText();
    private static final String KERNEL_NETWORK_NAME = EtwProvider.KERNEL_NETWORK.providerName();
    private static final String KERNEL_NETWORK_GUID = EtwProvider.KERNEL_NETWORK.guidText();
    private static final String KERNEL_FILE_GUID = "edd08927-9cc4-4e65-b970-c2560fb5c289";
    private static final long QUERY_OPTIONS = 0x4000_0000_6000L;
    private static final int SYSTEM_PID = 4;
    private static final int UNKNOWN = -1;
    private static final int FILE_CREATE = 12;

    private EtwEvents() {
    }

    /**
     * ProcessStart (id 1, v3), logged by the creator, or ProcessRundown (id 15, v1: the same properties)
     * for a process older than the session.
     */
    static EventDraft processStart(long ts, SimProcess p, int creatorPid, int creatorTid, boolean rundown) {
        Props props = new Props();
        props.put(KernelProcess.PROCESS_ID, p.pid());
        props.put(KernelProcess.PROCESS_SEQUENCE_NUMBER, p.sequence());
        props.put(KernelProcess.CREATE_TIME, p.createTime());
        props.put(KernelProcess.PARENT_PROCESS_ID, p.parentPid());
        props.put(KernelProcess.PARENT_PROCESS_SEQUENCE_NUMBER, p.parentSequence());
        props.put(KernelProcess.SESSION_ID, p.session());
        props.put(KernelProcess.FLAGS, 0);
        props.put(KernelProcess.PROCESS_TOKEN_ELEVATION_TYPE, p.session() == 0 ? 1 : 3);
        props.put(KernelProcess.PROCESS_TOKEN_IS_ELEVATED, p.session() == 0 ? 1 : 0);
        props.put(KernelProcess.MANDATORY_LABEL, p.session() == 0 ? "S-1-16-16384" : "S-1-16-8192");
        props.put(KernelProcess.IMAGE_NAME, p.image().ntPath());
        props.put(KernelProcess.IMAGE_CHECKSUM, imageChecksum(p.image()));
        props.put(KernelProcess.TIME_DATE_STAMP, 0x5F3C_0000L + (imageChecksum(p.image()) & 0xFFFFFL));
        props.put(KernelProcess.PACKAGE_FULL_NAME, "");
        props.put(KernelProcess.PACKAGE_RELATIVE_APP_ID, "");
        Map<String, Object> x = new LinkedHashMap<>();
        if (p.image().dosPath() != null) {
            x.put("image", p.image().dosPath());
        }
        x.put("cmdline", p.commandLine());
        x.put("user", p.user());
        return rundown
                ? new EventDraft(ts, KERNEL_PROCESS_NAME, KERNEL_PROCESS_GUID, KernelProcess.PROCESS_RUNDOWN,
                        PROCESS_RUNDOWN_VERSION, null, creatorPid, creatorTid, props, x)
                : new EventDraft(ts, KERNEL_PROCESS_NAME, KERNEL_PROCESS_GUID, KernelProcess.PROCESS_START,
                        PROCESS_START_VERSION, 1, creatorPid, creatorTid, props, x);
    }

    /** ProcessStop (id 2, v2), logged in the exiting process. ImageName is the short ANSI name here. */
    static EventDraft processStop(long ts, SimProcess p, int exitCode, long cpuCycles) {
        Props props = new Props();
        props.put(KernelProcess.PROCESS_ID, p.pid());
        props.put(KernelProcess.PROCESS_SEQUENCE_NUMBER, p.sequence());
        props.put(KernelProcess.CREATE_TIME, p.createTime());
        props.put(KernelProcess.EXIT_TIME, ts);
        props.put(KernelProcess.EXIT_CODE, exitCode);
        props.put(KernelProcess.TOKEN_ELEVATION_TYPE, p.session() == 0 ? 1 : 3);
        props.put(KernelProcess.HANDLE_COUNT, 40 + cpuCycles % 200);
        props.put(KernelProcess.COMMIT_CHARGE, 4_096L * (300 + cpuCycles % 3_000));
        props.put(KernelProcess.COMMIT_PEAK, 4_096L * (400 + cpuCycles % 4_000));
        props.put(KernelProcess.CPU_CYCLE_COUNT, cpuCycles);
        props.put(KernelProcess.READ_OPERATION_COUNT, cpuCycles % 97);
        props.put(KernelProcess.WRITE_OPERATION_COUNT, cpuCycles % 13);
        props.put(KernelProcess.READ_TRANSFER_KILOBYTES, cpuCycles % 1_024);
        props.put(KernelProcess.WRITE_TRANSFER_KILOBYTES, cpuCycles % 64);
        props.put(KernelProcess.HARD_FAULT_COUNT, cpuCycles % 7);
        props.put(KernelProcess.IMAGE_NAME, p.name());
        Map<String, Object> x = new LinkedHashMap<>();
        if (p.image().dosPath() != null) {
            x.put("image", p.image().dosPath());
        }
        return new EventDraft(ts, KERNEL_PROCESS_NAME, KERNEL_PROCESS_GUID, KernelProcess.PROCESS_STOP, 2, 2, p.pid(), p.mainThread(), props, x);
    }

    /**
     * ThreadStart (id 3, v1): thread {@code threadId} of process {@code ownerPid}, logged in the
     * creating thread's context. Stack addresses are kernel addresses, so above 2^63.
     */
    static EventDraft threadStart(long ts, int creatorPid, int creatorTid, int ownerPid, int threadId, ThreadAddresses at) {
        Props props = new Props();
        props.put(KernelProcess.PROCESS_ID, ownerPid);
        props.put(KernelProcess.THREAD_ID, threadId);
        props.put(KernelProcess.STACK_BASE, Long.toUnsignedString(at.kernelStack()));
        props.put(KernelProcess.STACK_LIMIT, Long.toUnsignedString(at.kernelStack() - 0x6000));
        props.put(KernelProcess.USER_STACK_BASE, at.userStack());
        props.put(KernelProcess.USER_STACK_LIMIT, at.userStack() - 0x3000);
        props.put(KernelProcess.START_ADDR, at.start());
        props.put(KernelProcess.WIN32_START_ADDR, at.win32Start());
        props.put(KernelProcess.TEB_BASE, at.teb());
        props.put(KernelProcess.SUB_PROCESS_TAG, 0);
        return new EventDraft(ts, KERNEL_PROCESS_NAME, KERNEL_PROCESS_GUID, KernelProcess.THREAD_START, 1, 1, creatorPid, creatorTid, props, null);
    }

    /** DNS-Client 3006: a query started in {@code caller}. */
    static EventDraft dnsQuery(long ts, SimProcess caller, String name, int queryType, int interfaceIndex) {
        Props props = new Props();
        props.put(DnsClient.QUERY_NAME, name);
        props.put(DnsClient.QUERY_TYPE, queryType);
        props.put(DnsClient.QUERY_OPTIONS, QUERY_OPTIONS);
        props.put(DnsClient.SERVER_LIST, "");
        props.put(DnsClient.IS_NETWORK_QUERY, 0);
        props.put(DnsClient.NETWORK_QUERY_INDEX, 0);
        props.put(DnsClient.INTERFACE_INDEX, interfaceIndex);
        props.put(DnsClient.IS_ASYNC_QUERY, 0);
        return new EventDraft(ts, DNS_CLIENT_NAME, DNS_CLIENT_GUID, DnsClient.QUERY_STARTED, 0, null, caller.pid(), caller.mainThread(), props, null);
    }

    /** DNS-Client 3008: the query of {@code caller} completed with {@code status} and {@code results}. */
    static EventDraft dnsCompleted(long ts, SimProcess caller, String name, int queryType, int status, String results) {
        Props props = new Props();
        props.put(DnsClient.QUERY_NAME, name);
        props.put(DnsClient.QUERY_TYPE, queryType);
        props.put(DnsClient.QUERY_OPTIONS, QUERY_OPTIONS);
        props.put(DnsClient.QUERY_STATUS, status);
        props.put(DnsClient.QUERY_RESULTS, results);
        return new EventDraft(ts, DNS_CLIENT_NAME, DNS_CLIENT_GUID, DnsClient.QUERY_COMPLETED, 0, null, caller.pid(), caller.mainThread(), props, null);
    }

    /** Kernel-Network 12/28: outbound connect. Logged in an arbitrary context, so the envelope pid is unknown. */
    static EventDraft tcpConnect(long ts, TcpConnection c) {
        Props props = endpoints(c, 0);
        props.put(KernelNetwork.MSS, c.ipv6 ? 1440 : 1460);
        props.put(KernelNetwork.SACKOPT, 1);
        props.put(KernelNetwork.TSOPT, 0);
        props.put(KernelNetwork.WSOPT, 1);
        props.put(KernelNetwork.RCVWIN, 64_240);
        props.put(KernelNetwork.RCVWINSCALE, 8);
        props.put(KernelNetwork.SNDWINSCALE, 8);
        props.put(KernelNetwork.SEQNUM, c.nextSegment());
        props.put(KernelNetwork.CONNID, c.connectionId);
        return network(ts, tcpId(KernelNetwork.TCP_CONNECT_V4, c), UNKNOWN, UNKNOWN, props);
    }

    /** Kernel-Network 10/26: {@code size} bytes sent, logged in the sending thread. */
    static EventDraft tcpSend(long ts, TcpConnection c, int size) {
        Props props = endpoints(c, size);
        props.put(KernelNetwork.STARTIME, 0);
        props.put(KernelNetwork.ENDTIME, 0);
        props.put(KernelNetwork.SEQNUM, c.nextSegment());
        props.put(KernelNetwork.CONNID, c.connectionId);
        return network(ts, tcpId(KernelNetwork.TCP_SEND_V4, c), c.owner.pid(), c.owner.mainThread(), props);
    }

    /** Kernel-Network 11/27: {@code size} bytes received, logged from the network stack (System). */
    static EventDraft tcpReceive(long ts, TcpConnection c, int size) {
        return segment(ts, KernelNetwork.TCP_RECEIVE_V4, c, size);
    }

    /** Kernel-Network 13/29: the connection closed. */
    static EventDraft tcpDisconnect(long ts, TcpConnection c) {
        return segment(ts, KernelNetwork.TCP_DISCONNECT_V4, c, 0);
    }

    /** Kernel-Network 42 / 43: one UDP datagram of {@code owner} sent to or received from the remote endpoint. */
    static EventDraft udp(long ts, boolean sent, SimProcess owner, String local, int localPort, String remote, int remotePort, int size) {
        Props props = new Props();
        props.put(KernelNetwork.PID, owner.pid());
        props.put(KernelNetwork.SIZE, size);
        props.put(KernelNetwork.DADDR, remote);
        props.put(KernelNetwork.SADDR, local);
        props.put(KernelNetwork.DPORT, remotePort);
        props.put(KernelNetwork.SPORT, localPort);
        props.put(KernelNetwork.SEQNUM, 0);
        props.put(KernelNetwork.CONNID, 0);
        return sent ? network(ts, KernelNetwork.UDP_SEND_V4, owner.pid(), owner.mainThread(), props)
                : network(ts, KernelNetwork.UDP_RECEIVE_V4, SYSTEM_PID, 0, props);
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
        return new EventDraft(ts, EtwCatalog.COLLECTOR_PROVIDER, null, HEARTBEAT, 0, null, collectorPid, collectorTid, props, null);
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
        props.put(KernelNetwork.SEQNUM, c.nextSegment());
        props.put(KernelNetwork.CONNID, c.connectionId);
        return network(ts, tcpId(ipv4Id, c), SYSTEM_PID, 0, props);
    }

    private static Props endpoints(TcpConnection c, int size) {
        Props props = new Props();
        props.put(KernelNetwork.PID, c.owner.pid());
        props.put(KernelNetwork.SIZE, size);
        props.put(KernelNetwork.DADDR, c.remoteAddress);
        props.put(KernelNetwork.SADDR, c.localAddress);
        props.put(KernelNetwork.DPORT, c.remotePort);
        props.put(KernelNetwork.SPORT, c.localPort);
        return props;
    }

    private static int tcpId(int ipv4Id, TcpConnection c) {
        return c.ipv6 ? ipv4Id + KernelNetwork.IPV6_OFFSET : ipv4Id;
    }

    // Kernel-Network's opcode is its event id (etw-layouts.md).
    private static EventDraft network(long ts, int id, int pid, int tid, Props props) {
        return new EventDraft(ts, KERNEL_NETWORK_NAME, KERNEL_NETWORK_GUID, id, 0, id, pid, tid, props, null);
    }

    private static long imageChecksum(ProcessImage image) {
        return Seeds.of(image.ntPath()) & 0xFFFFFFL;
    }
}
