package io.etwcorr.jobs.normalize;

import static io.etwcorr.jobs.normalize.RawProps.UINT16_MAX;
import static io.etwcorr.jobs.normalize.RawProps.UINT32_MAX;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.schemas.etw.CoalescedTransfers;
import io.etwcorr.schemas.etw.DnsClient;
import io.etwcorr.schemas.etw.EtwCatalog;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.etw.KernelNetwork;
import io.etwcorr.schemas.etw.KernelProcess;
import io.etwcorr.schemas.raw.RawEnvelope;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventException;
import java.io.Serializable;

/**
 * Turns a raw record into an {@link EtwEvent} (docs/contract/raw-events.md, "The events the jobs
 * correlate"): a decoded {@link RawEvent}, or what the codec streamed into a {@link StreamedRawEvent}, with
 * the same checks and reasons. Stateless and thread-safe; serializable so Flink functions can hold one.
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

    public EtwEvent normalize(RawEvent raw) throws RawEventException {
        return normalize(new RawEventMapView(raw));
    }

    /** The same for a record read by either of the codec's sinks. */
    EtwEvent normalize(RawEventView raw) throws RawEventException {
        EtwEvent event = new EtwEvent();
        RawEnvelope envelope = raw.envelope();
        event.host = envelope.host();
        event.run = envelope.run();
        event.seq = envelope.seq();
        event.ts = envelope.ts();
        EtwProvider provider = EtwCatalog.provider(envelope.provider(), envelope.guid());
        if (provider == null) {
            if (EtwCatalog.COLLECTOR_PROVIDER.equalsIgnoreCase(envelope.provider())) {
                collector(raw, event);
            } else {
                event.kind = EventKind.PASSED_OVER;
            }
            return event;
        }
        switch (provider) {
            case KERNEL_PROCESS -> kernelProcess(raw, event);
            case DNS_CLIENT -> dnsClient(raw, event);
            case KERNEL_NETWORK -> kernelNetwork(raw, event);
        }
        return event;
    }

    private static void kernelProcess(RawEventView raw, EtwEvent event) throws RawEventException {
        switch (raw.envelope().id()) {
            case KernelProcess.PROCESS_START -> processStart(raw, event, EventKind.PROCESS_START);
            case KernelProcess.PROCESS_RUNDOWN -> processStart(raw, event, EventKind.PROCESS_RUNDOWN);
            case KernelProcess.PROCESS_STOP -> processStop(raw, event);
            case KernelProcess.THREAD_START -> threadStart(raw, event);
            default -> event.kind = EventKind.PASSED_OVER;
        }
    }

    /** ProcessStart (v0..v5) and ProcessRundown, which share their props. */
    private static void processStart(RawEventView raw, EtwEvent event, EventKind kind) throws RawEventException {
        event.kind = kind;
        processIdentity(raw, event);
        if (kind == EventKind.PROCESS_START) {
            event.creatorPid = raw.envelope().pid();
            event.creatorStartKey = raw.envelope().pkey();
        }
        event.parentPid = RawProps.integer(raw, EventProp.PARENT_PROCESS_ID, 0, UINT32_MAX);
        event.parentProcessSeq = RawProps.optionalUnsigned64(raw, EventProp.PARENT_PROCESS_SEQUENCE_NUMBER);
        if (event.parentProcessSeq != -1) {
            event.parentEntityId = EntityIds.ofSequence(event.host, event.parentProcessSeq);
        }
        event.sessionId = RawProps.optionalInteger(raw, EventProp.SESSION_ID, 0, UINT32_MAX);
        processImage(raw, event);
        event.commandLine = RawProps.enrichment(raw, RawEventView.CMDLINE, MAX_TEXT_CHARS);
        event.user = RawProps.enrichment(raw, RawEventView.USER, MAX_TEXT_CHARS);
    }

    /** ProcessStop v0..v2. */
    private static void processStop(RawEventView raw, EtwEvent event) throws RawEventException {
        event.kind = EventKind.PROCESS_STOP;
        processIdentity(raw, event);
        event.exitTime = RawProps.optionalInteger(raw, EventProp.EXIT_TIME, Long.MIN_VALUE, Long.MAX_VALUE);
        event.exitCode = RawProps.optionalInteger(raw, EventProp.EXIT_CODE, 0, UINT32_MAX);
        processImage(raw, event);
    }

    /** ThreadStart: the subject is the owning process, the envelope pid the thread's creator. */
    private static void threadStart(RawEventView raw, EtwEvent event) throws RawEventException {
        event.kind = EventKind.THREAD_START;
        event.pid = RawProps.integer(raw, EventProp.PROCESS_ID, 0, UINT32_MAX);
        event.creatorPid = raw.envelope().pid();
        event.threadId = RawProps.integer(raw, EventProp.THREAD_ID, 0, UINT32_MAX);
    }

    private static void processIdentity(RawEventView raw, EtwEvent event) throws RawEventException {
        event.pid = RawProps.integer(raw, EventProp.PROCESS_ID, 0, UINT32_MAX);
        // FILETIME 0 (the Idle process in a rundown) converts to a time before 1970: any value goes.
        event.createTime = RawProps.integer(raw, EventProp.CREATE_TIME, Long.MIN_VALUE, Long.MAX_VALUE);
        event.processSeq = RawProps.optionalUnsigned64(raw, EventProp.PROCESS_SEQUENCE_NUMBER);
        event.entityId = EntityIds.of(event.host, event.processSeq, event.pid, event.createTime);
    }

    private static void processImage(RawEventView raw, EtwEvent event) throws RawEventException {
        event.image = RawProps.optionalString(raw, EventProp.IMAGE_NAME, MAX_TEXT_CHARS);
        String dosPath = RawProps.enrichment(raw, RawEventView.IMAGE, MAX_TEXT_CHARS);
        event.executable = dosPath != null ? dosPath : event.image;
    }

    private static void dnsClient(RawEventView raw, EtwEvent event) throws RawEventException {
        switch (raw.envelope().id()) {
            case DnsClient.QUERY_STARTED -> dns(raw, event, EventKind.DNS_QUERY, null);
            case DnsClient.QUERY_COMPLETED -> dns(raw, event, EventKind.DNS_ANSWER, EventProp.QUERY_STATUS);
            case DnsClient.CACHE_ANSWER, DnsClient.NETWORK_ANSWER -> dns(raw, event, EventKind.DNS_ANSWER, EventProp.STATUS);
            default -> event.kind = EventKind.PASSED_OVER;
        }
    }

    /** A query ({@code statusProp} null) or an answer with its status in {@code statusProp}. */
    private static void dns(RawEventView raw, EtwEvent event, EventKind kind, EventProp statusProp)
            throws RawEventException {
        event.kind = kind;
        // ClientPID (3018/3020 from v1): the cache service logs on behalf of the requesting process.
        long clientPid = RawProps.optionalInteger(raw, EventProp.CLIENT_PID, 0, UINT32_MAX);
        event.pid = clientPid != -1 ? clientPid : raw.envelope().pid();
        event.queryName = DnsQueryResults.normalizeName(RawProps.string(raw, EventProp.QUERY_NAME, MAX_TEXT_CHARS));
        event.queryType = (int) RawProps.integer(raw, EventProp.QUERY_TYPE, 0, UINT16_MAX);
        if (statusProp == null) {
            return;
        }
        event.status = RawProps.integer(raw, statusProp, 0, UINT32_MAX);
        String queryResults = RawProps.optionalString(raw, EventProp.QUERY_RESULTS, Integer.MAX_VALUE);
        // A failed query has no addresses even when QueryResults carries leftovers.
        DnsQueryResults results = DnsQueryResults.parse(event.status == 0 ? queryResults : null);
        event.cnames = results.cnames();
        event.addresses = results.addresses();
    }

    private static void kernelNetwork(RawEventView raw, EtwEvent event) throws RawEventException {
        EventKind kind = networkKind(raw.envelope().id());
        if (kind == null) {
            event.kind = EventKind.PASSED_OVER;
            return;
        }
        event.kind = kind;
        // The envelope pid of network events is not reliable; PID names the process.
        event.pid = RawProps.integer(raw, EventProp.PID, 0, UINT32_MAX);
        event.size = RawProps.integer(raw, EventProp.SIZE, 0, UINT32_MAX);
        event.remoteIp = RawProps.ipAddress(raw, EventProp.DADDR);
        event.localIp = RawProps.ipAddress(raw, EventProp.SADDR);
        event.remotePort = (int) RawProps.integer(raw, EventProp.DPORT, 0, UINT16_MAX);
        event.localPort = (int) RawProps.integer(raw, EventProp.SPORT, 0, UINT16_MAX);
        event.connId = RawProps.optionalUnsigned64(raw, EventProp.CONNID);
    }

    /** The kind of a Kernel-Network event id (IPv4 / IPv6), or null for ids the jobs do not use. */
    private static EventKind networkKind(int id) {
        return switch (id) {
            case KernelNetwork.TCP_SEND_V4, KernelNetwork.TCP_SEND_V6 -> EventKind.TCP_SEND;
            case KernelNetwork.TCP_RECEIVE_V4, KernelNetwork.TCP_RECEIVE_V6 -> EventKind.TCP_RECEIVE;
            case KernelNetwork.TCP_CONNECT_V4, KernelNetwork.TCP_CONNECT_V6 -> EventKind.TCP_CONNECT;
            case KernelNetwork.TCP_DISCONNECT_V4, KernelNetwork.TCP_DISCONNECT_V6 -> EventKind.TCP_DISCONNECT;
            case KernelNetwork.TCP_RETRANSMIT_V4, KernelNetwork.TCP_RETRANSMIT_V6 -> EventKind.TCP_RETRANSMIT;
            case KernelNetwork.TCP_ACCEPT_V4, KernelNetwork.TCP_ACCEPT_V6 -> EventKind.TCP_ACCEPT;
            case KernelNetwork.TCP_RECONNECT_V4, KernelNetwork.TCP_RECONNECT_V6 -> EventKind.TCP_RECONNECT;
            case KernelNetwork.UDP_SEND_V4, KernelNetwork.UDP_SEND_V6 -> EventKind.UDP_SEND;
            case KernelNetwork.UDP_RECEIVE_V4, KernelNetwork.UDP_RECEIVE_V6 -> EventKind.UDP_RECEIVE;
            default -> null;
        };
    }

    private static void collector(RawEventView raw, EtwEvent event) throws RawEventException {
        if (raw.envelope().id() == CoalescedTransfers.ID) {
            CoalescedTransfersNormalizer.normalize(raw, event);
            return;
        }
        if (raw.envelope().id() != 1) {
            event.kind = EventKind.PASSED_OVER;
            return;
        }
        event.kind = EventKind.HEARTBEAT;
        event.eventsLost = RawProps.integer(raw, EventProp.EVENTS_LOST, 0, Long.MAX_VALUE);
        event.buffersLost = RawProps.integer(raw, EventProp.BUFFERS_LOST, 0, Long.MAX_VALUE);
        event.sent = RawProps.integer(raw, EventProp.SENT, 0, Long.MAX_VALUE);
        event.spooled = RawProps.integer(raw, EventProp.SPOOLED, 0, Long.MAX_VALUE);
        event.dropped = RawProps.integer(raw, EventProp.DROPPED, 0, Long.MAX_VALUE);
    }
}
