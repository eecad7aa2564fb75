package io.etwcorr.jobs.normalize;

import io.etwcorr.schemas.etw.CoalescedTransfers;
import io.etwcorr.schemas.etw.DnsClient;
import io.etwcorr.schemas.etw.KernelNetwork;
import io.etwcorr.schemas.etw.KernelProcess;
import java.util.HashMap;
import java.util.Map;

/**
 * Every prop the normalizer reads, by manifest name (docs/contract/raw-events.md). The normalizer can
 * read no other, so this is also the list of props {@link StreamedRawEvent} keeps; all others are only
 * validated by the codec. A name the events share (PID of Kernel-Network and coalesced transfers, sent
 * of heartbeats and coalesced transfers) is one constant.
 */
enum EventProp {
    PROCESS_ID(KernelProcess.PROCESS_ID),
    PROCESS_SEQUENCE_NUMBER(KernelProcess.PROCESS_SEQUENCE_NUMBER),
    CREATE_TIME(KernelProcess.CREATE_TIME),
    PARENT_PROCESS_ID(KernelProcess.PARENT_PROCESS_ID),
    PARENT_PROCESS_SEQUENCE_NUMBER(KernelProcess.PARENT_PROCESS_SEQUENCE_NUMBER),
    SESSION_ID(KernelProcess.SESSION_ID),
    IMAGE_NAME(KernelProcess.IMAGE_NAME),
    EXIT_TIME(KernelProcess.EXIT_TIME),
    EXIT_CODE(KernelProcess.EXIT_CODE),
    THREAD_ID(KernelProcess.THREAD_ID),

    CLIENT_PID(DnsClient.CLIENT_PID),
    QUERY_NAME(DnsClient.QUERY_NAME),
    QUERY_TYPE(DnsClient.QUERY_TYPE),
    QUERY_STATUS(DnsClient.QUERY_STATUS),
    STATUS(DnsClient.STATUS),
    QUERY_RESULTS(DnsClient.QUERY_RESULTS),

    PID(KernelNetwork.PID),
    SIZE(KernelNetwork.SIZE),
    DADDR(KernelNetwork.DADDR),
    SADDR(KernelNetwork.SADDR),
    DPORT(KernelNetwork.DPORT),
    SPORT(KernelNetwork.SPORT),
    CONNID(KernelNetwork.CONNID),

    EVENTS_LOST("eventsLost"),
    BUFFERS_LOST("buffersLost"),
    SENT(CoalescedTransfers.SENT),
    SPOOLED("spooled"),
    DROPPED("dropped"),

    TRANSPORT(CoalescedTransfers.TRANSPORT),
    RECV(CoalescedTransfers.RECV),
    SENDS(CoalescedTransfers.SENDS),
    RECVS(CoalescedTransfers.RECVS),
    FIRST(CoalescedTransfers.FIRST),
    LAST(CoalescedTransfers.LAST);

    static final int COUNT = values().length;
    private static final Map<String, EventProp> BY_NAME = new HashMap<>();

    static {
        for (EventProp prop : values()) {
            if (BY_NAME.put(prop.manifestName, prop) != null) {
                throw new ExceptionInInitializerError("two constants for prop " + prop.manifestName);
            }
        }
    }

    /** The name in the provider manifest, exactly as in {@code props}. */
    final String manifestName;

    EventProp(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The constant of a manifest name, or null for a prop the normalizer does not read. */
    static EventProp byName(String manifestName) {
        return BY_NAME.get(manifestName);
    }
}
