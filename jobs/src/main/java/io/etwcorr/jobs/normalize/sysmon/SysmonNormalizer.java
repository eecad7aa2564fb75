package io.etwcorr.jobs.normalize.sysmon;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.normalize.DnsQueryResults;
import io.etwcorr.jobs.normalize.EntityIds;
import io.etwcorr.jobs.normalize.EventNormalizer;
import io.etwcorr.jobs.normalize.IpAddresses;
import io.etwcorr.jobs.normalize.RawProps;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one Sysmon record (Winlogbeat JSON 7.x/8.x, the event log's XML, a flat JSON export) into the
 * job's {@link EtwEvent}, so Sysmon drives the same correlation as the ETW collector:
 *
 * <table>
 *   <caption>Sysmon events and what they become</caption>
 *   <tr><th>Sysmon</th><th>event</th></tr>
 *   <tr><td>1 process create</td><td>a process start, identity {@code host:g<ProcessGuid>}, parent from ParentProcessGuid</td></tr>
 *   <tr><td>5 process terminated</td><td>a process stop</td></tr>
 *   <tr><td>3 network connection</td><td>TCP connect (Initiated) or accept, UDP send or receive, without sizes</td></tr>
 *   <tr><td>22 DNS query</td><td>a DNS answer of the process (QueryStatus, QueryResults)</td></tr>
 *   <tr><td>8 CreateRemoteThread</td><td>a thread started by another process: an injection edge</td></tr>
 * </table>
 *
 * <p>Envelope: the host is the event's computer name, the run its channel, the sequence number its
 * event record id (gap-free per channel), so de-duplication and gap accounting work as for the
 * collector's runs. Other Sysmon events (10 process access among them) and other channels are valid
 * input the job passes over. Sysmon carries no byte counts: keep-alive beacons and data sizes cannot
 * be evaluated from it ({@link #NOT_EVALUATED}).
 */
public final class SysmonNormalizer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What an alert from Sysmon input could not take into account, as alerts name it. */
    public static final String[] NOT_EVALUATED = {"keepalive_send_bursts", "data_sizes"};

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final String NO_PROCESS_GUID = "00000000-0000-0000-0000-000000000000";
    private static final long UINT32_MAX = 0xffff_ffffL;
    private static final long UINT16_MAX = 0xffffL;
    /** Unknown failure text of Winlogbeat 7's translated status (only 0 vs. failure matters to the join). */
    private static final long OTHER_FAILURE = 1;
    /** The status names Winlogbeat 7's Sysmon module writes instead of the numbers, for the usual outcomes. */
    private static final Map<String, Long> DNS_STATUS_NAMES = Map.of(
            "SUCCESS", 0L, "DNS_ERROR_RCODE_NAME_ERROR", 9003L, "ERROR_TIMEOUT", 1460L,
            "DNS_INFO_NO_RECORDS", 9501L, "DNS_ERROR_RCODE_SERVER_FAILURE", 9002L);

    /**
     * A record whose envelope (computer, channel, record id, time) was read but whose event data
     * breaks Sysmon's schema: {@link #invalid} lets the host's health count it instead of a gap.
     */
    public static final class InvalidEventData extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient EtwEvent invalid;

        InvalidEventData(RawEventException cause, EtwEvent invalid) {
            super(cause.getMessage(), cause);
            this.invalid = invalid;
        }

        /** The {@link EventKind#INVALID} marker of the record. */
        public EtwEvent invalid() {
            return invalid;
        }
    }

    /**
     * @throws RawEventException when the record is unreadable or lacks its envelope
     * @throws InvalidEventData when its event data is unusable
     */
    public EtwEvent normalize(byte[] value) throws RawEventException, InvalidEventData {
        if (value.length > RawEventCodec.MAX_RECORD_BYTES) {
            throw new RawEventException(RawEventException.Kind.OVERSIZE,
                    "record of " + value.length + " bytes exceeds " + RawEventCodec.MAX_RECORD_BYTES);
        }
        return normalize(isXml(value) ? SysmonXml.read(value) : SysmonJson.read(value));
    }

    /** Whether the record is XML (its first non-blank byte is {@code <}) rather than JSON. */
    static boolean isXml(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xef && b != (byte) 0xbb
                    && b != (byte) 0xbf) { // a UTF-8 byte order mark may precede it
                return b == '<';
            }
        }
        return false;
    }

    /** Whether a JSON object is an event-log record of a shape this normalizer reads. */
    public static boolean looksLikeEventLog(JsonNode root) {
        return SysmonJson.looksLikeEventLog(root);
    }

    EtwEvent normalize(SysmonRecord record) throws RawEventException, InvalidEventData {
        if (record.host() == null || !HOST.matcher(record.host()).matches()) {
            throw new RawEventException("computer name must be 1..255 of [A-Za-z0-9._-], got "
                    + (record.host() == null ? "none" : "'" + SysmonFields.shown(record.host()) + "'"));
        }
        EtwEvent event = new EtwEvent();
        event.host = record.host();
        event.run = record.channel() != null ? record.channel() : String.valueOf(record.provider());
        event.seq = record.recordId();
        event.ts = record.ts();
        if (!record.isSysmon()) {
            event.kind = EventKind.PASSED_OVER;
            return event;
        }
        SysmonFields fields = new SysmonFields(record);
        try {
            switch (record.eventId()) {
                case 1 -> processCreate(fields, event);
                case 5 -> processTerminated(fields, event);
                case 3 -> networkConnection(fields, event);
                case 22 -> dnsQuery(fields, event);
                case 8 -> createRemoteThread(fields, event);
                default -> event.kind = EventKind.PASSED_OVER;
            }
        } catch (RawEventException e) {
            throw new InvalidEventData(e, EtwEvent.invalid(event.host, event.run, event.seq, event.ts));
        }
        return event;
    }

    /**
     * Sysmon reports no thread starts, only remote threads (event 8): its processes are therefore
     * taken like the ETW rundown's, whose initial thread the job never sees, so that every remote
     * thread counts as an injection, also one into a child the injector has just started.
     */
    private static void processCreate(SysmonFields fields, EtwEvent event) throws RawEventException {
        event.kind = EventKind.PROCESS_RUNDOWN;
        processIdentity(fields, event);
        event.createTime = event.ts;
        event.parentPid = fields.integer("ParentProcessId", UINT32_MAX);
        String parentGuid = fields.optional("ParentProcessGuid") == null ? null : fields.guid("ParentProcessGuid");
        if (parentGuid != null && !parentGuid.equals(NO_PROCESS_GUID)) {
            event.parentEntityId = EntityIds.ofGuid(event.host, parentGuid);
        }
        event.commandLine = text(fields.optional("CommandLine"));
        event.user = text(fields.optional("User"));
    }

    /**
     * The process of a connection or lookup: its PID, and its identity and image, which name it even
     * when its creation is older than the input (Sysmon has no rundown of running processes).
     */
    private static void processOfActivity(SysmonFields fields, EtwEvent event) throws RawEventException {
        event.pid = fields.integer("ProcessId", UINT32_MAX);
        if (fields.optional("ProcessGuid") != null) {
            event.entityId = EntityIds.ofGuid(event.host, fields.guid("ProcessGuid"));
        }
        event.executable = text(fields.optional("Image"));
    }

    private static void processTerminated(SysmonFields fields, EtwEvent event) throws RawEventException {
        event.kind = EventKind.PROCESS_STOP;
        processIdentity(fields, event);
        event.exitTime = event.ts;
    }

    private static void processIdentity(SysmonFields fields, EtwEvent event) throws RawEventException {
        event.pid = fields.integer("ProcessId", UINT32_MAX);
        event.entityId = EntityIds.ofGuid(event.host, fields.guid("ProcessGuid"));
        event.image = text(fields.optional("Image"));
        event.executable = event.image;
    }

    /**
     * Sysmon names the initiator Source, also for inbound connections (Initiated false), where the
     * local endpoint is therefore the Destination.
     */
    private static void networkConnection(SysmonFields fields, EtwEvent event) throws RawEventException {
        String protocol = fields.required("Protocol").toLowerCase(Locale.ROOT);
        boolean initiated = fields.bool("Initiated");
        event.kind = switch (protocol) {
            case "tcp" -> initiated ? EventKind.TCP_CONNECT : EventKind.TCP_ACCEPT;
            case "udp" -> initiated ? EventKind.UDP_SEND : EventKind.UDP_RECEIVE;
            default -> EventKind.PASSED_OVER;
        };
        if (event.kind == EventKind.PASSED_OVER) {
            return;
        }
        processOfActivity(fields, event);
        String sourceIp = ip(fields, "SourceIp");
        String destinationIp = ip(fields, "DestinationIp");
        int sourcePort = (int) fields.integer("SourcePort", UINT16_MAX);
        int destinationPort = (int) fields.integer("DestinationPort", UINT16_MAX);
        event.localIp = initiated ? sourceIp : destinationIp;
        event.localPort = initiated ? sourcePort : destinationPort;
        event.remoteIp = initiated ? destinationIp : sourceIp;
        event.remotePort = initiated ? destinationPort : sourcePort;
        event.size = 0; // Sysmon counts no bytes
    }

    private static void dnsQuery(SysmonFields fields, EtwEvent event) throws RawEventException {
        event.kind = EventKind.DNS_ANSWER;
        processOfActivity(fields, event);
        event.queryName = DnsQueryResults.normalizeName(fields.required("QueryName"));
        event.status = dnsStatus(fields);
        // A failed query has no addresses even when QueryResults carries leftovers.
        DnsQueryResults results = DnsQueryResults.parse(event.status == 0 ? fields.optional("QueryResults") : null);
        event.cnames = results.cnames();
        event.addresses = results.addresses();
    }

    private static long dnsStatus(SysmonFields fields) throws RawEventException {
        String status = fields.required("QueryStatus").trim();
        if (!status.isEmpty() && Character.isDigit(status.charAt(0))) {
            return fields.integer("QueryStatus", UINT32_MAX);
        }
        return DNS_STATUS_NAMES.getOrDefault(status.toUpperCase(Locale.ROOT), OTHER_FAILURE);
    }

    private static void createRemoteThread(SysmonFields fields, EtwEvent event) throws RawEventException {
        event.kind = EventKind.THREAD_START;
        event.pid = fields.integer("TargetProcessId", UINT32_MAX);
        event.creatorPid = fields.integer("SourceProcessId", UINT32_MAX);
        event.threadId = fields.optional("NewThreadId") == null ? -1 : fields.integer("NewThreadId", UINT32_MAX);
    }

    private static String ip(SysmonFields fields, String name) throws RawEventException {
        String text = fields.required(name);
        String canonical = IpAddresses.canonical(text.trim());
        if (canonical == null) {
            throw fields.invalid(name + " is not an IP address: '" + SysmonFields.shown(text) + "'");
        }
        return canonical;
    }

    private static String text(String value) {
        return RawProps.truncate(value, EventNormalizer.MAX_TEXT_CHARS);
    }
}
