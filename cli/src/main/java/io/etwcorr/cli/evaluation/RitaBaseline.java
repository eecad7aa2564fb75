package io.etwcorr.cli.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * RITA's view of the corpus: every outbound connection is one RITA connection (RITA sees
 * connections, not the send bursts of a kept-alive connection nor DNS lookups without one), keyed
 * by (process, destination) like our detector — kinder to RITA than its real per-host key, which
 * mixes every process of a host. A connection's size is the bytes its process sent to that
 * endpoint in the {@code etw.flows} bucket of the connection, shared evenly among the
 * connections in that bucket (Zeek would give each its own {@code orig_ip_bytes}).
 */
public final class RitaBaseline {
    private RitaBaseline() {
    }

    /** RITA's beacon score of every pair with a connection. */
    public static Map<Pair, RitaBeaconScore> score(AnalyzeOutputs outputs, long datasetFromS, long datasetToS) {
        Map<String, NavigableMap<Long, AnalyzeOutputs.Flow>> flows = new HashMap<>();
        for (AnalyzeOutputs.Flow flow : outputs.flows()) {
            flows.computeIfAbsent(endpointKey(flow.entityId(), flow.ip(), flow.port()), key -> new TreeMap<>()).put(flow.startMicros(), flow);
        }
        Map<AnalyzeOutputs.Flow, Integer> connectionsPerBucket = new HashMap<>();
        Map<ObservedConnection, AnalyzeOutputs.Flow> bucketOf = new HashMap<>();
        for (ObservedConnection connection : outputs.connections()) {
            AnalyzeOutputs.Flow bucket = bucket(flows, connection);
            if (bucket != null) {
                bucketOf.put(connection, bucket);
                connectionsPerBucket.merge(bucket, 1, Integer::sum);
            }
        }
        Map<Pair, List<ObservedConnection>> series = new LinkedHashMap<>();
        outputs.connections().forEach(connection -> series.computeIfAbsent(connection.pair(), pair -> new ArrayList<>()).add(connection));
        Map<Pair, RitaBeaconScore> scores = new LinkedHashMap<>();
        series.forEach((pair, connections) -> {
            long[] seconds = new long[connections.size()];
            long[] sizes = new long[connections.size()];
            for (int i = 0; i < connections.size(); i++) {
                ObservedConnection connection = connections.get(i);
                AnalyzeOutputs.Flow bucket = bucketOf.get(connection);
                seconds[i] = Math.floorDiv(connection.micros(), 1_000_000L);
                sizes[i] = bucket == null ? 0 : bucket.bytesSent() / connectionsPerBucket.get(bucket);
            }
            scores.put(pair, RitaBeaconScore.of(seconds, sizes, datasetFromS, datasetToS));
        });
        return scores;
    }

    private static AnalyzeOutputs.Flow bucket(Map<String, NavigableMap<Long, AnalyzeOutputs.Flow>> flows, ObservedConnection connection) {
        NavigableMap<Long, AnalyzeOutputs.Flow> buckets = flows.get(endpointKey(connection.entityId(), connection.ip(), connection.port()));
        Map.Entry<Long, AnalyzeOutputs.Flow> entry = buckets == null ? null : buckets.floorEntry(connection.micros());
        return entry != null && connection.micros() < entry.getValue().endMicros() ? entry.getValue() : null;
    }

    private static String endpointKey(String entityId, String ip, int port) {
        return entityId + '|' + ip + '|' + port;
    }
}
