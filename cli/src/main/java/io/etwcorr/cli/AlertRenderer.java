package io.etwcorr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.schemas.out.EventField;

/**
 * Renders an etw.anomalies record for a person: the beaconing process, where it calls and how
 * regularly, and its lineage as a tree with the patient zero marked.
 *
 * <pre>
 * ALERT beacon on WS-0001 at 2026-11-25T19:31:07Z (score 0.93)
 *   process      rundll32.exe (pid 7312)  C:\Windows\System32\rundll32.exe
 *   destination  cdn.evil.example  203.0.113.7:443
 *   beacon       every 60.4 s, jitter 21%, 14 callbacks, 517 B out / 190 B in, 1 host(s) contact it
 *   lineage      explorer.exe (3000)
 *                └─ winword.exe (4400)   ◀ patient zero: first non-boundary ancestor below explorer.exe
 *                   └─ powershell.exe (5120)
 *                      └╌ injected ─ rundll32.exe (7312)   ◀ beaconing
 *   ATT&amp;CK       Command and Control: T1071, T1055
 * </pre>
 *
 * A later record of the same episode ({@code beacon-updated}, same {@code event.id}) is one line:
 *
 * <pre>
 * UPDATE beacon on WS-0001 at 2026-11-25T20:31:07Z (score 0.95): rundll32.exe (pid 7312) → cdn.evil.example, 74 callbacks since 2026-11-25T19:18:02Z, every 60.4 s  [id 5f0c…]
 * </pre>
 */
public final class AlertRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDENT = "               ";

    private AlertRenderer() {}

    /** Whether the record is a {@code beacon-updated} of an episode already alerted (false for anything unreadable). */
    public static boolean isUpdate(String json) {
        try {
            return isUpdate(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Whether the parsed record is a {@code beacon-updated} of an episode already alerted. */
    public static boolean isUpdate(JsonNode alert) {
        return EventField.BEACON_UPDATED.equals(alert.at("/event/action").asText());
    }

    public static String render(String json) {
        JsonNode alert;
        try {
            alert = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return "(not an alert record: " + e.getOriginalMessage() + ")" + System.lineSeparator();
        }
        if (isUpdate(alert)) {
            return update(alert);
        }
        StringBuilder text = new StringBuilder();
        JsonNode beacon = alert.path("beacon");
        text.append(String.format("ALERT %s on %s at %s (score %.2f)  [id %s]%n", alert.at("/rule/name").asText("beacon"),
                alert.at("/host/name").asText(), trimMicros(alert.path("@timestamp").asText()),
                beacon.path("score").asDouble(), alert.at("/event/id").asText()));
        JsonNode process = alert.path("process");
        text.append(String.format("  process      %s  %s%n", processLabel(process), process.path("executable").asText("")));
        if (process.hasNonNull("command_line")) {
            text.append(String.format("  command line %s%n", process.path("command_line").asText()));
        }
        JsonNode destination = alert.path("destination");
        String address = destination.hasNonNull("ip")
                ? destination.path("ip").asText() + ":" + destination.path("port").asInt() : "(DNS only)";
        text.append(String.format("  destination  %s  %s%n", destination.path("domain").asText("-"), address));
        text.append(String.format("  beacon       every %.1f s, jitter %.0f%%, %d callbacks, %d B out / %d B in, %d host(s) contact it%n",
                beacon.path("interval_s").asDouble(), 100 * beacon.path("jitter").asDouble(),
                beacon.path("callbacks").asLong(), beacon.path("bytes_out_median").asLong(),
                beacon.path("bytes_in_median").asLong(), beacon.path("hosts_contacting_destination").asLong()));
        appendLineage(text, alert);
        JsonNode threat = alert.path("threat");
        text.append(String.format("  ATT&CK       %s: %s%n", join(threat.at("/tactic/name")), join(threat.at("/technique/id"))));
        return text.toString();
    }

    private static String update(JsonNode alert) {
        JsonNode beacon = alert.path("beacon");
        JsonNode destination = alert.path("destination");
        String target = destination.hasNonNull("domain") ? destination.path("domain").asText()
                : destination.path("ip").asText() + ":" + destination.path("port").asInt();
        return String.format("UPDATE %s on %s at %s (score %.2f): %s → %s, %d callbacks since %s, every %.1f s  [id %s]%n",
                alert.at("/rule/name").asText("beacon"), alert.at("/host/name").asText(),
                trimMicros(alert.path("@timestamp").asText()), beacon.path("score").asDouble(),
                processLabel(alert.path("process")), target, beacon.path("callbacks").asLong(),
                trimMicros(alert.at("/event/start").asText()), beacon.path("interval_s").asDouble(),
                alert.at("/event/id").asText());
    }

    private static void appendLineage(StringBuilder text, JsonNode alert) {
        String patientZero = alert.at("/patient_zero/entity_id").asText(null);
        String beaconing = alert.at("/process/entity_id").asText(null);
        JsonNode lineage = alert.path("lineage");
        for (int i = 0; i < lineage.size(); i++) {
            JsonNode entry = lineage.get(i);
            StringBuilder line = new StringBuilder(i == 0 ? "  lineage      " : INDENT);
            if (i > 0) {
                line.append("   ".repeat(i - 1));
                line.append("injected".equals(entry.path("edge").asText()) ? "└╌ injected ─ " : "└─ ");
            }
            line.append(processLabel(entry));
            String entity = entry.path("entity_id").asText();
            if (entity.equals(patientZero)) {
                line.append("   ◀ patient zero: ").append(alert.at("/patient_zero/reason").asText());
            }
            if (entity.equals(beaconing)) {
                line.append("   ◀ beaconing");
            }
            text.append(line).append(System.lineSeparator());
        }
    }

    private static String processLabel(JsonNode process) {
        return process.path("name").asText("?") + " (pid " + process.path("pid").asLong() + ")";
    }

    private static String join(JsonNode array) {
        StringBuilder joined = new StringBuilder();
        for (JsonNode item : array) {
            joined.append(joined.length() == 0 ? "" : ", ").append(item.asText());
        }
        return joined.toString();
    }

    /** {@code 2026-11-25T19:31:07.123456Z} → {@code 2026-11-25T19:31:07Z}: seconds are enough for a person. */
    private static String trimMicros(String timestamp) {
        int dot = timestamp.indexOf('.');
        return dot < 0 ? timestamp : timestamp.substring(0, dot) + "Z";
    }
}
