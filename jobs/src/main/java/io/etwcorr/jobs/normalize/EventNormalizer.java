package io.etwcorr.jobs.normalize;

import static io.etwcorr.jobs.normalize.RawProps.UINT16_MAX;
import static io.etwcorr.jobs.normalize.RawProps.UINT32_MAX;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventException;
import java.io.Serializable;

/**
 * Turns a {@link RawEvent} into an {@link EtwEvent} (docs/contract/raw-events.md, "The events the jobs
 * correlate"). Stateless and thread-safe; serializable so Flink functions can hold one.
 *
 * <p>Providers match by name (any case) or GUID. Props are read by manifest name, so every version
 * of an event normalizes alike. The props correlation cannot do without are required: the subject
 * PID, CreateTime and parent PID of processes, the ThreadID, the DNS name, type and status, the
 * network PID, size and endpoints, the heartbeat counters. The others (sequence numbers, which
 * versions lack, images, session, exit, ClientPID, QueryResults, connid) are optional. A required
 * prop that is absent, or any prop with the wrong type, is a {@link RawEventException}. Events of
 * other providers or ids are {@link EventKind#PASSED_OVER}.
 */
public final class EventNormalizer implements Serializable {

    /** Longest image path, command line or user kept; longer ones are truncated. */
    public static final int MAX_TEXT_CHARS = 1024;

    private enum Provider {
        KERNEL_PROCESS("Microsoft-Windows-Kernel-Process", "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716"),
        DNS_CLIENT("Microsoft-Windows-DNS-Client", "1c95126e-7eea-49a9-a3fe-a378b03ddb4d"),
        KERNEL_NETWORK("Microsoft-Windows-Kernel-Network", "7dd42a49-5329-4832-8dfd-43d979153a88"),
        COLLECTOR("EtwCorrelation-Collector", null);

        private static final Provider[] ALL = values();

        private final String name;
        private final String guid;

        Provider(String name, String guid) {
            this.name = name;
            this.guid = guid;
        }

        /** The provider of {@code raw}, or null for one the jobs do not correlate. */
        static Provider of(RawEvent raw) {
            for (Provider provider : ALL) {
                if (provider.name.equalsIgnoreCase(raw.provider())
                        || (provider.guid != null && provider.guid.equalsIgnoreCase(raw.guid()))) {
                    return provider;
                }
            }
            return null;
        }
    }

    public EtwEvent normalize(RawEvent raw) throws RawEventException {
        EtwEvent event = new EtwEvent();
        event.host = raw.host();
        event.run = raw.run();
        event.seq = raw.seq();
        event.ts = raw.ts();
        Provider provider = Provider.of(raw);
        if (provider == null) {
            event.kind = EventKind.PASSED_OVER;
            return event;
        }
        switch (provider) {
            case KERNEL_PROCESS -> kernelProcess(raw, event);
            case DNS_CLIENT -> dnsClient(raw, event);
            case KERNEL_NETWORK -> kernelNetwork(raw, event);
            case COLLECTOR -> collector(raw, event);
        }
        return event;
    }

    private static void kernelProcess(RawEvent raw, EtwEvent event) throws RawEventException {
        switch (raw.id()) {
            case 1 -> processStart(raw, event, EventKind.PROCESS_START);
            case 15 -> processStart(raw, event, EventKind.PROCESS_RUNDOWN);
            case 2 -> processStop(raw, event);
            case 3 -> threadStart(raw, event);
            default -> event.kind = EventKind.PASSED_OVER;
        }
    }

    /** ProcessStart (v0..v5) and ProcessRundown, which share their props. */
    private static void processStart(RawEvent raw, EtwEvent event, EventKind kind) throws RawEventException {
        event.kind = kind;
        processIdentity(raw, event);
        if (kind == EventKind.PROCESS_START) {
            event.creatorPid = raw.pid();
        }
        event.parentPid = RawProps.integer(raw, "ParentProcessID", 0, UINT32_MAX);
        event.parentProcessSeq = RawProps.optionalUnsigned64(raw, "ParentProcessSequenceNumber");
        if (event.parentProcessSeq != -1) {
            event.parentEntityId = EntityIds.ofSequence(event.host, event.parentProcessSeq);
        }
        event.sessionId = RawProps.optionalInteger(raw, "SessionID", 0, UINT32_MAX);
        processImage(raw, event);
        event.commandLine = RawProps.enrichment(raw, "cmdline", MAX_TEXT_CHARS);
        event.user = RawProps.enrichment(raw, "user", MAX_TEXT_CHARS);
    }

    /** ProcessStop v0..v2. */
    private static void processStop(RawEvent raw, EtwEvent event) throws RawEventException {
        event.kind = EventKind.PROCESS_STOP;
        processIdentity(raw, event);
        event.exitTime = RawProps.optionalInteger(raw, "ExitTime", Long.MIN_VALUE, Long.MAX_VALUE);
        event.exitCode = RawProps.optionalInteger(raw, "ExitCode", 0, UINT32_MAX);
        processImage(raw, event);
    }

    /** ThreadStart: the subject is the owning process, the envelope pid the thread's creator. */
    private static void threadStart(RawEvent raw, EtwEvent event) throws RawEventException {
        event.kind = EventKind.THREAD_START;
        event.pid = RawProps.integer(raw, "ProcessID", 0, UINT32_MAX);
        event.creatorPid = raw.pid();
        event.threadId = RawProps.integer(raw, "ThreadID", 0, UINT32_MAX);
    }

    private static void processIdentity(RawEvent raw, EtwEvent event) throws RawEventException {
        event.pid = RawProps.integer(raw, "ProcessID", 0, UINT32_MAX);
        // FILETIME 0 (the Idle process in a rundown) converts to a time before 1970: any value goes.
        event.createTime = RawProps.integer(raw, "CreateTime", Long.MIN_VALUE, Long.MAX_VALUE);
        event.processSeq = RawProps.optionalUnsigned64(raw, "ProcessSequenceNumber");
        event.entityId = EntityIds.of(event.host, event.processSeq, event.pid, event.createTime);
    }

    private static void processImage(RawEvent raw, EtwEvent event) throws RawEventException {
        event.image = RawProps.optionalString(raw, "ImageName", MAX_TEXT_CHARS);
        String dosPath = RawProps.enrichment(raw, "image", MAX_TEXT_CHARS);
        event.executable = dosPath != null ? dosPath : event.image;
    }

    private static void dnsClient(RawEvent raw, EtwEvent event) throws RawEventException {
        switch (raw.id()) {
            case 3006 -> dns(raw, event, EventKind.DNS_QUERY, null);
            case 3008 -> dns(raw, event, EventKind.DNS_ANSWER, "QueryStatus");
            case 3018, 3020 -> dns(raw, event, EventKind.DNS_ANSWER, "Status");
            default -> event.kind = EventKind.PASSED_OVER;
        }
    }

    /** A query ({@code statusProp} null) or an answer with its status in {@code statusProp}. */
    private static void dns(RawEvent raw, EtwEvent event, EventKind kind, String statusProp)
            throws RawEventException {
        event.kind = kind;
        // ClientPID (3018/3020 from v1): the cache service logs on behalf of the requesting process.
        long clientPid = RawProps.optionalInteger(raw, "ClientPID", 0, UINT32_MAX);
        event.pid = clientPid != -1 ? clientPid : raw.pid();
        event.queryName = DnsQueryResults.normalizeName(RawProps.string(raw, "QueryName", MAX_TEXT_CHARS));
        event.queryType = (int) RawProps.integer(raw, "QueryType", 0, UINT16_MAX);
        if (statusProp == null) {
            return;
        }
        event.status = RawProps.integer(raw, statusProp, 0, UINT32_MAX);
        String queryResults = RawProps.optionalString(raw, "QueryResults", Integer.MAX_VALUE);
        // A failed query has no addresses even when QueryResults carries leftovers.
        DnsQueryResults results = DnsQueryResults.parse(event.status == 0 ? queryResults : null);
        event.cnames = results.cnames();
        event.addresses = results.addresses();
    }

    private static void kernelNetwork(RawEvent raw, EtwEvent event) throws RawEventException {
        EventKind kind = networkKind(raw.id());
        if (kind == null) {
            event.kind = EventKind.PASSED_OVER;
            return;
        }
        event.kind = kind;
        // The envelope pid of network events is not reliable; PID names the process.
        event.pid = RawProps.integer(raw, "PID", 0, UINT32_MAX);
        event.size = RawProps.integer(raw, "size", 0, UINT32_MAX);
        event.remoteIp = RawProps.ipAddress(raw, "daddr");
        event.localIp = RawProps.ipAddress(raw, "saddr");
        event.remotePort = (int) RawProps.integer(raw, "dport", 0, UINT16_MAX);
        event.localPort = (int) RawProps.integer(raw, "sport", 0, UINT16_MAX);
        event.connId = RawProps.optionalUnsigned64(raw, "connid");
    }

    /** The kind of a Kernel-Network event id (IPv4 / IPv6), or null for ids the jobs do not use. */
    private static EventKind networkKind(int id) {
        return switch (id) {
            case 10, 26 -> EventKind.TCP_SEND;
            case 11, 27 -> EventKind.TCP_RECEIVE;
            case 12, 28 -> EventKind.TCP_CONNECT;
            case 13, 29 -> EventKind.TCP_DISCONNECT;
            case 14, 30 -> EventKind.TCP_RETRANSMIT;
            case 15, 31 -> EventKind.TCP_ACCEPT;
            case 16, 32 -> EventKind.TCP_RECONNECT;
            case 42, 58 -> EventKind.UDP_SEND;
            case 43, 59 -> EventKind.UDP_RECEIVE;
            default -> null;
        };
    }

    private static void collector(RawEvent raw, EtwEvent event) throws RawEventException {
        if (raw.id() != 1) {
            event.kind = EventKind.PASSED_OVER;
            return;
        }
        event.kind = EventKind.HEARTBEAT;
        event.eventsLost = RawProps.integer(raw, "eventsLost", 0, Long.MAX_VALUE);
        event.buffersLost = RawProps.integer(raw, "buffersLost", 0, Long.MAX_VALUE);
        event.sent = RawProps.integer(raw, "sent", 0, Long.MAX_VALUE);
        event.spooled = RawProps.integer(raw, "spooled", 0, Long.MAX_VALUE);
        event.dropped = RawProps.integer(raw, "dropped", 0, Long.MAX_VALUE);
    }
}
