package io.etwcorr.cli.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.schemas.out.EcsTime;

/** An outbound {@code etw.connections} record: what a network sensor such as Zeek would log for RITA. */
public record ObservedConnection(String entityId, String processName, String destination, String ip, int port, long micros) {

    public Pair pair() {
        return new Pair(entityId, destination);
    }

    /** The connection, or null for an inbound one. */
    public static ObservedConnection fromJson(JsonNode record) {
        if (!"outbound".equals(record.path("network").path("direction").asText())) {
            return null;
        }
        JsonNode destination = record.path("destination");
        JsonNode process = record.path("process");
        return new ObservedConnection(process.path("entity_id").asText(), process.path("name").asText(""), Alert.destinationKey(destination),
                destination.path("ip").asText(), destination.path("port").asInt(), EcsTime.parse(record.path("@timestamp").asText()));
    }
}
