package io.etwcorr.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the report page shows of a run, accumulated record by record from the five output streams
 * (docs/contract/outputs.md): from {@code analyze}'s files, from Kafka topics, or live in the demo.
 * Memory stays bounded by the fleet, not the run's length: callbacks and flow buckets are kept per
 * (process, destination) up to {@link #KEPT_PER_DESTINATION}, the newest ones.
 */
public final class RunModel {
    /** Callbacks and flow buckets kept per (process entity, destination): enough for a timeline. */
    static final int KEPT_PER_DESTINATION = 240;
    /** A host whose newest health interval ends this long before the run's newest one has gone silent. */
    static final long SILENT_AFTER_S = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert per episode: the newest record of each event.id, in order of first appearance. */
    private final Map<String, JsonNode> alerts = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Instant>> callbacks = new HashMap<>();
    private final Map<String, ArrayDeque<FlowBucket>> flows = new HashMap<>();
    private final Map<String, ProcessTraffic> processes = new HashMap<>();
    private final Map<String, HostHealth> hosts = new TreeMap<>();
    private final long[] records = new long[Stream.values().length];
    private long unreadable;
    private Instant newestHealth = Instant.EPOCH;

    /** The output streams, named like analyze's files. */
    public enum Stream {
        ANOMALIES("anomalies.jsonl"), CONNECTIONS("connections.jsonl"), FLOWS("flows.jsonl"),
        HEALTH("health.jsonl"), DEADLETTER("deadletter.jsonl");

        final String file;

        Stream(String file) {
            this.file = file;
        }
    }

    /** Bytes of one flow bucket of one process toward one destination. */
    record FlowBucket(Instant start, Instant end, long bytesOut, long bytesIn) {
    }

    /** Bytes and distinct destinations of one process over the run. */
    static final class ProcessTraffic {
        final String host;
        final String name;
        final long pid;
        long bytes;
        final Set<String> destinations = new HashSet<>();

        ProcessTraffic(String host, String name, long pid) {
            this.host = host;
            this.name = name;
            this.pid = pid;
        }
    }

    /** One host's health over the run. */
    static final class HostHealth {
        long received;
        long sequenceGaps;
        long etwLosses;
        long late;
        long collectorDropped;
        Instant lastInterval = Instant.EPOCH;
    }

    /** Reads the five files of an {@code analyze --out} directory; a missing file is an error, not an empty run. */
    public static RunModel fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("report: " + dir + " is not a directory (give the --out DIR of `etwcorr analyze`)");
        }
        RunModel model = new RunModel();
        for (Stream stream : Stream.values()) {
            Path file = dir.resolve(stream.file);
            if (!Files.isReadable(file)) {
                throw new IOException("report: " + file + " is missing or unreadable; "
                        + dir + " does not look like the --out DIR of `etwcorr analyze`");
            }
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        model.accept(stream, line);
                    }
                }
            }
        }
        return model;
    }

    /** Takes one record of a stream; a line that is not JSON is counted, not fatal. */
    public synchronized void accept(Stream stream, String json) {
        JsonNode record;
        try {
            record = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            unreadable++;
            return;
        }
        records[stream.ordinal()]++;
        switch (stream) {
            case ANOMALIES -> alerts.merge(record.at("/event/id").asText(String.valueOf(alerts.size())), record,
                    RunModel::newer);
            case CONNECTIONS -> connection(record);
            case FLOWS -> flow(record);
            case HEALTH -> health(record);
            case DEADLETTER -> { } // counted above
        }
    }

    /** Of two records of one episode, the later one (topics with several partitions deliver them in any order). */
    private static JsonNode newer(JsonNode kept, JsonNode arrived) {
        return arrived.path("@timestamp").asText().compareTo(kept.path("@timestamp").asText()) >= 0 ? arrived : kept;
    }

    private void connection(JsonNode record) {
        if (!"outbound".equals(record.at("/network/direction").asText())) {
            return;
        }
        String entity = record.at("/process/entity_id").asText();
        Instant at = instant(record.path("@timestamp"));
        for (String destination : destinationKeys(record.path("destination"))) {
            keepNewest(callbacks.computeIfAbsent(entity + '|' + destination, key -> new ArrayDeque<>()), at);
        }
    }

    private void flow(JsonNode record) {
        JsonNode process = record.path("process");
        String entity = process.path("entity_id").asText();
        long out = record.at("/source/bytes").asLong();
        long in = record.at("/destination/bytes").asLong();
        FlowBucket bucket = new FlowBucket(instant(record.path("@timestamp")), instant(record.at("/bucket/end")), out, in);
        List<String> destinations = destinationKeys(record.path("destination"));
        for (String destination : destinations) {
            keepNewest(flows.computeIfAbsent(entity + '|' + destination, key -> new ArrayDeque<>()), bucket);
        }
        ProcessTraffic traffic = processes.computeIfAbsent(entity, key -> new ProcessTraffic(
                record.at("/host/name").asText("?"), process.path("name").asText("?"), process.path("pid").asLong()));
        traffic.bytes += out + in;
        traffic.destinations.add(destinations.get(0));
    }

    private void health(JsonNode record) {
        JsonNode counts = record.at("/etwcorr/health");
        HostHealth host = hosts.computeIfAbsent(record.at("/host/name").asText("?"), key -> new HostHealth());
        host.received += counts.path("received").asLong();
        host.sequenceGaps += counts.path("sequence_gaps").asLong();
        host.etwLosses += counts.path("etw_events_lost").asLong() + counts.path("etw_buffers_lost").asLong();
        host.late += counts.path("late").asLong();
        host.collectorDropped += counts.path("collector_dropped").asLong();
        Instant end = instant(record.at("/interval/end"));
        if (counts.path("received").asLong() > 0 && end.isAfter(host.lastInterval)) {
            host.lastInterval = end;
        }
        if (end.isAfter(newestHealth)) {
            newestHealth = end;
        }
    }

    /** The keys a destination is known by: its domain when it has one (rotating addresses), and its address. */
    static List<String> destinationKeys(JsonNode destination) {
        List<String> keys = new ArrayList<>(2);
        if (destination.hasNonNull("domain")) {
            keys.add(destination.path("domain").asText());
        }
        if (destination.hasNonNull("ip")) {
            keys.add(destination.path("ip").asText() + ":" + destination.path("port").asInt());
        }
        if (keys.isEmpty()) {
            keys.add("?");
        }
        return keys;
    }

    private static <T> void keepNewest(ArrayDeque<T> kept, T item) {
        kept.addLast(item);
        if (kept.size() > KEPT_PER_DESTINATION) {
            kept.removeFirst();
        }
    }

    private static Instant instant(JsonNode timestamp) {
        try {
            return Instant.parse(timestamp.asText());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    /** The alerts, one per episode (its latest record), highest score first. */
    public synchronized List<JsonNode> alerts() {
        List<JsonNode> sorted = new ArrayList<>(alerts.values());
        sorted.sort(Comparator.comparingDouble((JsonNode alert) -> alert.at("/beacon/score").asDouble()).reversed());
        return sorted;
    }

    /** The callback times of an alert's process toward its destination, within its episode, oldest first. */
    synchronized List<Instant> callbacksOf(JsonNode alert) {
        Instant first = instant(alert.at("/beacon/first_seen"));
        Instant last = instant(alert.at("/beacon/last_seen"));
        List<Instant> times = new ArrayList<>();
        for (Instant at : kept(callbacks, alert)) {
            if (!at.isBefore(first) && !at.isAfter(last)) {
                times.add(at);
            }
        }
        times.sort(null);
        return times;
    }

    /** The flow buckets of an alert's process toward its destination, within its episode, oldest first. */
    synchronized List<FlowBucket> flowsOf(JsonNode alert) {
        Instant first = instant(alert.at("/beacon/first_seen"));
        Instant last = instant(alert.at("/beacon/last_seen"));
        List<FlowBucket> buckets = new ArrayList<>();
        for (FlowBucket bucket : kept(flows, alert)) {
            if (bucket.end().isAfter(first) && !bucket.start().isAfter(last)) {
                buckets.add(bucket);
            }
        }
        buckets.sort(Comparator.comparing(FlowBucket::start));
        return buckets;
    }

    private static <T> List<T> kept(Map<String, ArrayDeque<T>> byKey, JsonNode alert) {
        String entity = alert.at("/process/entity_id").asText();
        for (String destination : destinationKeys(alert.path("destination"))) {
            ArrayDeque<T> kept = byKey.get(entity + '|' + destination);
            if (kept != null) {
                return new ArrayList<>(kept);
            }
        }
        return List.of();
    }

    synchronized List<ProcessTraffic> topByBytes(int limit) {
        return processes.values().stream().sorted(Comparator.comparingLong((ProcessTraffic p) -> p.bytes).reversed())
                .limit(limit).toList();
    }

    synchronized List<ProcessTraffic> topByDestinations(int limit) {
        return processes.values().stream()
                .sorted(Comparator.comparingInt((ProcessTraffic p) -> p.destinations.size()).reversed())
                .limit(limit).toList();
    }

    synchronized Map<String, HostHealth> hosts() {
        return new TreeMap<>(hosts);
    }

    /** Whether a host's newest interval with events ends well before the run's newest interval. */
    synchronized boolean silent(HostHealth host) {
        return host.lastInterval.plusSeconds(SILENT_AFTER_S).isBefore(newestHealth);
    }

    /** The end of the newest health interval: how far in event time the job has got (EPOCH before any). */
    public synchronized Instant newestHealth() {
        return newestHealth;
    }

    synchronized long records(Stream stream) {
        return records[stream.ordinal()];
    }

    synchronized long unreadable() {
        return unreadable;
    }
}
