package io.etwcorr.jobs.normalize.sysmon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Winlogbeat 7.x's Sysmon module moves event data into ECS fields (and deletes it from
 * {@code winlog.event_data}); this reads them back into Sysmon's names, leaving any event data
 * that is still there as it is.
 */
final class EcsFields {
    private static final int CREATE_REMOTE_THREAD = 8;
    private static final int PROCESS_ACCESS = 10;
    private static final int DNS_QUERY = 22;

    private EcsFields() {}

    static void restore(JsonNode root, int eventId, Map<String, String> data) {
        // Events 8 and 10 name their source process in process.*; the others their subject.
        boolean sourceProcess = eventId == CREATE_REMOTE_THREAD || eventId == PROCESS_ACCESS;
        String prefix = sourceProcess ? "Source" : "";
        restore(data, sourceProcess ? (eventId == PROCESS_ACCESS ? "SourceProcessGUID" : "SourceProcessGuid")
                : "ProcessGuid", root.at("/process/entity_id"));
        restore(data, prefix + "ProcessId", root.at("/process/pid"));
        restore(data, prefix + "Image", root.at("/process/executable"));
        restore(data, "CommandLine", root.at("/process/command_line"));
        restore(data, "ParentProcessGuid", root.at("/process/parent/entity_id"));
        restore(data, "ParentProcessId", root.at("/process/parent/pid"));
        restore(data, "ParentImage", root.at("/process/parent/executable"));
        restore(data, "ParentCommandLine", root.at("/process/parent/command_line"));
        String domain = SysmonJson.text(root.at("/user/domain"));
        String name = SysmonJson.text(root.at("/user/name"));
        if (!data.containsKey("User") && name != null) {
            data.put("User", domain == null ? name : domain + "\\" + name);
        }
        restore(data, "Protocol", root.at("/network/transport"));
        restore(data, "SourceIp", root.at("/source/ip"));
        restore(data, "SourcePort", root.at("/source/port"));
        restore(data, "DestinationIp", root.at("/destination/ip"));
        restore(data, "DestinationPort", root.at("/destination/port"));
        restore(data, "DestinationHostname", root.at("/destination/domain"));
        String direction = SysmonJson.text(root.at("/network/direction"));
        if (!data.containsKey("Initiated") && direction != null) {
            // Winlogbeat writes egress/ingress; older ECS outbound/inbound.
            data.put("Initiated", Boolean.toString(direction.equals("egress") || direction.equals("outbound")));
        }
        if (eventId == DNS_QUERY) {
            restore(data, "QueryName", root.at("/dns/question/name"));
            restore(data, "QueryStatus", root.at("/sysmon/dns/status"));
            if (!data.containsKey("QueryResults")) {
                data.put("QueryResults", queryResults(root.path("dns")));
            }
        }
    }

    private static void restore(Map<String, String> data, String name, JsonNode ecs) {
        String value = SysmonJson.text(ecs);
        if (value != null && !data.containsKey(name)) {
            data.put(name, value);
        }
    }

    /** {@code dns.answers} (CNAMEs) and {@code dns.resolved_ip} back into Sysmon's QueryResults text. */
    private static String queryResults(JsonNode dns) {
        StringBuilder results = new StringBuilder();
        for (JsonNode answer : dns.path("answers")) {
            if ("CNAME".equals(SysmonJson.text(answer.path("type")))) {
                results.append("type:  5 ").append(SysmonJson.text(answer.path("data"))).append(';');
            }
        }
        for (JsonNode ip : dns.path("resolved_ip")) {
            results.append(SysmonJson.text(ip)).append(';');
        }
        return results.toString();
    }
}
