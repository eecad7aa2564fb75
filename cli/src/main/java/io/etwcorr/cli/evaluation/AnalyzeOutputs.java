package io.etwcorr.cli.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.schemas.out.EcsTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads the files {@code etwcorr analyze} wrote: alerts, outbound connections and byte flows. */
public record AnalyzeOutputs(List<Alert> alerts, List<ObservedConnection> connections, List<Flow> flows) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bytes one process sent to one endpoint in one bucket of {@code etw.flows}. */
    public record Flow(String entityId, String ip, int port, long startMicros, long endMicros, long bytesSent) {
    }

    public AnalyzeOutputs {
        alerts = List.copyOf(alerts);
        connections = List.copyOf(connections);
        flows = List.copyOf(flows);
    }

    public static AnalyzeOutputs read(Path dir) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        List<ObservedConnection> connections = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        eachRecord(dir.resolve("anomalies.jsonl"), record -> alerts.add(Alert.fromJson(record)));
        eachRecord(dir.resolve("connections.jsonl"), record -> {
            ObservedConnection connection = ObservedConnection.fromJson(record);
            if (connection != null) {
                connections.add(connection);
            }
        });
        eachRecord(dir.resolve("flows.jsonl"), record -> {
            JsonNode destination = record.path("destination");
            flows.add(new Flow(record.path("process").path("entity_id").asText(), destination.path("ip").asText(),
                    destination.path("port").asInt(), EcsTime.parse(record.path("@timestamp").asText()),
                    EcsTime.parse(record.path("bucket").path("end").asText()), record.path("source").path("bytes").asLong()));
        });
        return new AnalyzeOutputs(alerts, connections, flows);
    }

    private static void eachRecord(Path file, Consumer<JsonNode> action) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    action.accept(JSON.readTree(line));
                }
            }
        }
    }
}
