package io.etwcorr.cli.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.schemas.out.EcsTime;
import java.util.ArrayList;
import java.util.List;

/** The fields of an {@code etw.anomalies} record the evaluation compares with the ground truth. */
public record Alert(
        String host,
        String entityId,
        String processName,
        String destination,
        long lastSeenMicros,
        long callbacks,
        String patientZeroEntityId,
        List<String> lineageEntityIds,
        List<String> lineageEdges,
        String eventId) {

    public Alert {
        lineageEntityIds = List.copyOf(lineageEntityIds);
        lineageEdges = List.copyOf(lineageEdges);
    }

    public Pair pair() {
        return new Pair(entityId, destination);
    }

    /** The (host, process, destination) triple the alert is about, whatever its episode. */
    public String triple() {
        return host + '|' + entityId + '|' + destination;
    }

    public static Alert fromJson(JsonNode record) {
        JsonNode process = record.path("process");
        JsonNode beacon = record.path("beacon");
        List<String> lineage = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        record.path("lineage").forEach(entry -> {
            lineage.add(entry.path("entity_id").asText());
            edges.add(entry.path("edge").asText());
        });
        return new Alert(record.path("host").path("name").asText(), process.path("entity_id").asText(),
                process.path("name").asText(""), destinationKey(record.path("destination")),
                EcsTime.parse(beacon.path("last_seen").asText()), beacon.path("callbacks").asLong(),
                record.path("patient_zero").path("entity_id").asText(null), lineage, edges, record.at("/event/id").asText());
    }

    /**
     * The destination as the detector keys it: the domain when the process resolved one (its registrable
     * domain for a DNS-only beacon, whose names change), else {@code ip:port}.
     */
    static String destinationKey(JsonNode destination) {
        String domain = destination.path("domain").asText(null);
        if (domain == null) {
            return destination.path("ip").asText() + ":" + destination.path("port").asInt();
        }
        return destination.hasNonNull("ip") ? domain : destination.path("registered_domain").asText(domain);
    }
}
