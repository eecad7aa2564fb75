package io.etwcorr.jobs.normalize.sysmon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads one JSON event-log record in any of the shapes Sysmon events travel in:
 *
 * <ul>
 *   <li><b>Winlogbeat</b> ({@code winlog.*}): 8.x ships {@code winlog.event_data} as logged, ids as
 *       strings; 7.x with its Sysmon module renames event data into ECS fields ({@code process.entity_id},
 *       {@code source.ip}, {@code dns.question.name}, ...), which are read back into Sysmon's names;
 *   <li><b>evtx_dump</b> ({@code {"Event": {"System": ..., "EventData": ...}}}), the event log's XML as JSON;
 *   <li><b>flat</b> exports (NXLog, public data sets, {@code Get-WinEvent | Select-Object}): the
 *       event id, computer and record id beside the event data, at the top or in {@code EventData}.
 * </ul>
 */
final class SysmonJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(RawEventCodec.MAX_NESTING_DEPTH).build());
    }

    private SysmonJson() {}

    static SysmonRecord read(byte[] utf8) throws RawEventException {
        JsonNode root;
        try {
            root = JSON.readTree(utf8);
        } catch (JsonProcessingException e) {
            throw new RawEventException(RawEventException.Kind.INVALID_JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RawEventException(RawEventException.Kind.INVALID_JSON, "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RawEventException(RawEventException.Kind.INVALID_JSON, "not a JSON object");
        }
        if (root.has("winlog")) {
            return winlogbeat(root);
        }
        if (root.path("Event").has("System")) {
            return evtxDump(root.path("Event"));
        }
        if (!looksLikeEventLog(root)) {
            throw new RawEventException("not an event-log record: no winlog (Winlogbeat), Event.System (evtx_dump)"
                    + " or EventID beside Computer/Hostname (flat export)");
        }
        return flat(root);
    }

    /** Whether a JSON object of this shape is an event-log record (for telling inputs apart). */
    static boolean looksLikeEventLog(JsonNode root) {
        return root.has("winlog") || root.path("Event").has("System")
                || first(root, "EventID", "EventId", "event_id", "Id") != null
                        && first(root, "Computer", "Hostname", "MachineName", "computer_name") != null;
    }

    private static SysmonRecord winlogbeat(JsonNode root) throws RawEventException {
        JsonNode winlog = root.path("winlog");
        Map<String, String> data = fields(winlog.path("event_data"));
        int eventId = eventId(text(winlog.path("event_id")));
        EcsFields.restore(root, eventId, data);
        String host = text(winlog.path("computer_name"));
        if (host == null) {
            host = text(root.path("host").path("name"));
        }
        String time = data.get("UtcTime") != null ? data.get("UtcTime") : text(root.path("@timestamp"));
        return new SysmonRecord(host, text(winlog.path("channel")), text(winlog.path("provider_name")),
                recordId(text(winlog.path("record_id"))), SysmonTime.micros(time), eventId, data);
    }

    private static SysmonRecord evtxDump(JsonNode event) throws RawEventException {
        JsonNode system = event.path("System");
        Map<String, String> data = fields(event.path("EventData"));
        String time = data.get("UtcTime") != null ? data.get("UtcTime")
                : text(system.path("TimeCreated").path("#attributes").path("SystemTime"));
        return new SysmonRecord(text(system.path("Computer")), text(system.path("Channel")),
                text(system.path("Provider").path("#attributes").path("Name")),
                recordId(text(system.path("EventRecordID"))), SysmonTime.micros(time),
                eventId(text(system.path("EventID"))), data);
    }

    private static SysmonRecord flat(JsonNode root) throws RawEventException {
        Map<String, String> data = fields(root);
        data.putAll(fields(root.path("EventData")));
        String time = data.get("UtcTime") != null ? data.get("UtcTime")
                : text(first(root, "TimeCreated", "@timestamp", "EventTime"));
        return new SysmonRecord(text(first(root, "Computer", "Hostname", "MachineName", "computer_name")),
                text(first(root, "Channel", "LogName", "channel")),
                text(first(root, "ProviderName", "SourceName", "Provider", "provider_name")),
                recordId(text(first(root, "EventRecordID", "RecordNumber", "RecordId", "record_id"))),
                SysmonTime.micros(time), eventId(text(first(root, "EventID", "EventId", "event_id", "Id"))), data);
    }

    private static JsonNode first(JsonNode object, String... names) {
        for (String name : names) {
            JsonNode value = object.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    /** The scalar fields of {@code object} as text; nested objects and arrays are not event data. */
    private static Map<String, String> fields(JsonNode object) {
        Map<String, String> fields = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                fields.put(field.getKey(), field.getValue().asText());
            }
        }
        return fields;
    }

    /** A scalar as text; evtx_dump writes an element with attributes as {@code {"#text": ...}}. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return text(node.get("#text"));
        }
        return node.isValueNode() ? node.asText() : null;
    }

    static int eventId(String text) throws RawEventException {
        if (text == null) {
            throw new RawEventException("no event id (winlog.event_id, System/EventID or EventID)");
        }
        try {
            int id = Integer.parseInt(text.trim());
            if (id >= 0 && id <= 0xffff) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RawEventException("event id must be an integer 0..65535, got '" + SysmonFields.shown(text) + "'");
    }

    /** The record id, or -1 when the export lacks it (then nothing is de-duplicated or counted as a gap). */
    static long recordId(String text) throws RawEventException {
        if (text == null) {
            return -1;
        }
        try {
            long id = Long.parseLong(text.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RawEventException("event record id must be a non-negative integer, got '"
                + SysmonFields.shown(text) + "'");
    }
}
