package io.etwcorr.jobs.model;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One normalized ETW event of any {@link EventKind}, flat, with its own compact Flink serializer
 * ({@link EtwEventSerializer}).
 *
 * <p>{@link #kind} decides which fields are set; the others keep their "unknown" value: -1 for
 * numbers, null for strings and arrays. All times are microseconds since the Unix epoch, UTC. IP
 * addresses are canonical text ({@code 10.1.2.3}, {@code 2001:db8::1}; IPv4-mapped IPv6 as IPv4).
 * Arrays are {@code String[]}, not collections.
 */
@TypeInfo(EtwEventTypeInfo.Factory.class)
public class EtwEvent {

    public EventKind kind;

    // Envelope.
    /** Stable host identifier. */
    public String host;
    /** Collector run id. */
    public String run;
    /** Per-run sequence number of the raw record. */
    public long seq = -1;
    /** Event time, µs since the epoch. */
    public long ts = -1;

    // Subject process (every kind but HEARTBEAT and PASSED_OVER).
    /** The process the event is about (not the process that logged it). */
    public long pid = -1;
    /** PROCESS_START, THREAD_START: the process that created the process or the thread. */
    public long creatorPid = -1;
    /**
     * PROCESS_START: the process start key of {@link #creatorPid} (the raw envelope's {@code pkey}),
     * which tells that process apart from a later holder of its PID; -1 when the collector sent none.
     */
    public long creatorStartKey = -1;
    /**
     * PROCESS_START, PROCESS_RUNDOWN, PROCESS_STOP: the process instance, see {@code EntityIds} for
     * the format. Null for THREAD_START, which lacks the CreateTime to derive it. Sysmon's network
     * and DNS events carry it too (with {@link #executable}), from their ProcessGuid and Image.
     */
    public String entityId;
    /** PROCESS_START, PROCESS_RUNDOWN: the parent's entity id when its sequence number is known. */
    public String parentEntityId;

    // Process (PROCESS_*, THREAD_START).
    public long parentPid = -1;
    /** ProcessSequenceNumber, unique per process within a boot; unsigned 64-bit as its bit pattern. */
    public long processSeq = -1;
    public long parentProcessSeq = -1;
    /** µs since the epoch. */
    public long createTime = -1;
    /** µs since the epoch. */
    public long exitTime = -1;
    /** Win32 exit code as unsigned 32-bit value (0xC0000005 is 3221225477). */
    public long exitCode = -1;
    public long sessionId = -1;
    /** NT path of the image, {@code \Device\HarddiskVolume3\...}. */
    public String image;
    /** DOS path of the image when the collector resolved it, else {@link #image}. */
    public String executable;
    public String commandLine;
    /** {@code DOMAIN\\user} of the process token. */
    public String user;
    /** THREAD_START: the new thread. */
    public long threadId = -1;

    // DNS (DNS_QUERY, DNS_ANSWER).
    /** Lower case, without trailing dot. */
    public String queryName;
    /** DNS record type (1 A, 28 AAAA, ...). */
    public int queryType = -1;
    /** DNS_ANSWER: Win32 status, 0 success, 9003 name does not exist, 1460 timeout, ... */
    public long status = -1;
    /** DNS_ANSWER: CNAME targets in chain order (empty, never null, for answers). */
    public String[] cnames;
    /** DNS_ANSWER: answered addresses (empty, never null, for answers; empty on failure). */
    public String[] addresses;

    // Network (TCP_*, UDP_*): local and remote endpoint whichever the direction.
    public String localIp;
    public int localPort = -1;
    public String remoteIp;
    public int remotePort = -1;
    /** Bytes carried by this event (0 for connects and disconnects). */
    public long size = -1;
    /** Opaque 64-bit connection id (a kernel address), the same for all events of one TCP connection. */
    public long connId = -1;

    // TCP_TRANSFERS, UDP_TRANSFERS (a coalesced window; ts is its first transfer).
    /** Bytes the window's sends carried. */
    public long sentBytes = -1;
    /** Bytes the window's receives carried. */
    public long receivedBytes = -1;
    /** Send events the window replaces. */
    public long sends = -1;
    /** Receive events the window replaces. */
    public long receives = -1;
    /** Time of the window's last transfer, µs since the epoch. */
    public long lastTs = -1;

    // HEARTBEAT: counters since the collector started.
    /** Events the ETW session lost. */
    public long eventsLost = -1;
    /** Real-time buffers the ETW session lost. */
    public long buffersLost = -1;
    /** Records the collector sent to Kafka. */
    public long sent = -1;
    /** Records the collector spooled to disk while Kafka was unreachable. */
    public long spooled = -1;
    /** Records the collector dropped. */
    public long dropped = -1;

    public EtwEvent() {}

    /** A {@link EventKind#TICK} for process {@code pid} of {@code host}: its host's watermark reached {@code watermark}. */
    public static EtwEvent tick(String host, long pid, long watermark) {
        EtwEvent tick = new EtwEvent();
        tick.kind = EventKind.TICK;
        tick.host = host;
        tick.pid = pid;
        tick.ts = watermark;
        return tick;
    }

    /** An {@link EventKind#INVALID} marker for a record that broke the contract. */
    public static EtwEvent invalid(String host, String run, long seq, long ts) {
        EtwEvent invalid = new EtwEvent();
        invalid.kind = EventKind.INVALID;
        invalid.host = host;
        invalid.run = run;
        invalid.seq = seq;
        invalid.ts = ts;
        return invalid;
    }

    /** The file name of {@link #executable} (a DOS or NT path), or null when it is unknown. */
    public String processName() {
        if (executable == null) {
            return null;
        }
        int slash = Math.max(executable.lastIndexOf('\\'), executable.lastIndexOf('/'));
        return slash < 0 ? executable : executable.substring(slash + 1);
    }

    /** Whether the event is about a process's DNS or network activity. */
    public boolean isNetworkOrDns() {
        return switch (kind) {
            case DNS_QUERY, DNS_ANSWER, TCP_CONNECT, TCP_ACCEPT, TCP_SEND, TCP_RECEIVE, TCP_DISCONNECT,
                    TCP_RETRANSMIT, TCP_RECONNECT, UDP_SEND, UDP_RECEIVE, TCP_TRANSFERS, UDP_TRANSFERS -> true;
            default -> false;
        };
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof EtwEvent that)) {
            return false;
        }
        return kind == that.kind
                && Objects.equals(host, that.host)
                && Objects.equals(run, that.run)
                && seq == that.seq
                && ts == that.ts
                && pid == that.pid
                && creatorPid == that.creatorPid
                && creatorStartKey == that.creatorStartKey
                && Objects.equals(entityId, that.entityId)
                && Objects.equals(parentEntityId, that.parentEntityId)
                && parentPid == that.parentPid
                && processSeq == that.processSeq
                && parentProcessSeq == that.parentProcessSeq
                && createTime == that.createTime
                && exitTime == that.exitTime
                && exitCode == that.exitCode
                && sessionId == that.sessionId
                && Objects.equals(image, that.image)
                && Objects.equals(executable, that.executable)
                && Objects.equals(commandLine, that.commandLine)
                && Objects.equals(user, that.user)
                && threadId == that.threadId
                && Objects.equals(queryName, that.queryName)
                && queryType == that.queryType
                && status == that.status
                && Arrays.equals(cnames, that.cnames)
                && Arrays.equals(addresses, that.addresses)
                && Objects.equals(localIp, that.localIp)
                && localPort == that.localPort
                && Objects.equals(remoteIp, that.remoteIp)
                && remotePort == that.remotePort
                && size == that.size
                && connId == that.connId
                && sentBytes == that.sentBytes
                && receivedBytes == that.receivedBytes
                && sends == that.sends
                && receives == that.receives
                && lastTs == that.lastTs
                && eventsLost == that.eventsLost
                && buffersLost == that.buffersLost
                && sent == that.sent
                && spooled == that.spooled
                && dropped == that.dropped;
    }

    @Override
    public int hashCode() {
        // The identity of a record; the other fields follow from it.
        return Objects.hash(kind, host, run, seq, ts, pid, entityId);
    }

    /** Only the fields that are set, so test failures stay readable. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("EtwEvent{").append(kind);
        append(text, "host", host);
        append(text, "run", run);
        append(text, "seq", seq);
        append(text, "ts", ts);
        append(text, "pid", pid);
        append(text, "creatorPid", creatorPid);
        append(text, "creatorStartKey", creatorStartKey);
        append(text, "entityId", entityId);
        append(text, "parentEntityId", parentEntityId);
        append(text, "parentPid", parentPid);
        append(text, "processSeq", processSeq);
        append(text, "parentProcessSeq", parentProcessSeq);
        append(text, "createTime", createTime);
        append(text, "exitTime", exitTime);
        append(text, "exitCode", exitCode);
        append(text, "sessionId", sessionId);
        append(text, "image", image);
        append(text, "executable", executable);
        append(text, "commandLine", commandLine);
        append(text, "user", user);
        append(text, "threadId", threadId);
        append(text, "queryName", queryName);
        append(text, "queryType", queryType);
        append(text, "status", status);
        append(text, "cnames", cnames == null ? null : Arrays.toString(cnames));
        append(text, "addresses", addresses == null ? null : Arrays.toString(addresses));
        append(text, "localIp", localIp);
        append(text, "localPort", localPort);
        append(text, "remoteIp", remoteIp);
        append(text, "remotePort", remotePort);
        append(text, "size", size);
        append(text, "connId", connId);
        append(text, "sentBytes", sentBytes);
        append(text, "receivedBytes", receivedBytes);
        append(text, "sends", sends);
        append(text, "receives", receives);
        append(text, "lastTs", lastTs);
        append(text, "eventsLost", eventsLost);
        append(text, "buffersLost", buffersLost);
        append(text, "sent", sent);
        append(text, "spooled", spooled);
        append(text, "dropped", dropped);
        return text.append('}').toString();
    }

    private static void append(StringBuilder text, String name, long value) {
        if (value != -1) {
            text.append(", ").append(name).append('=').append(value);
        }
    }

    private static void append(StringBuilder text, String name, String value) {
        if (value != null) {
            text.append(", ").append(name).append('=').append(value);
        }
    }
}
