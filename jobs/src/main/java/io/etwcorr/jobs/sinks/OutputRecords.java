package io.etwcorr.jobs.sinks;

import io.etwcorr.jobs.functions.FlowBucket;
import io.etwcorr.jobs.functions.HealthCounters;
import io.etwcorr.jobs.functions.ProcessIdentity;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.OutputRecord;
import io.etwcorr.schemas.out.ConnectionRecord;
import io.etwcorr.schemas.out.DeadLetterRecord;
import io.etwcorr.schemas.out.EcsTime;
import io.etwcorr.schemas.out.Endpoint;
import io.etwcorr.schemas.out.EventField;
import io.etwcorr.schemas.out.FlowRecord;
import io.etwcorr.schemas.out.HealthRecord;
import io.etwcorr.schemas.out.HostField;
import io.etwcorr.schemas.out.NetworkField;
import io.etwcorr.schemas.out.OutputJson;
import io.etwcorr.schemas.out.ProcessRef;
import java.util.Comparator;

/** Builds the contract's output records (contract/outputs.md) from the jobs' state, serialized once. */
public final class OutputRecords {
    /** The order in which the buckets of one process are emitted, so that output is deterministic. */
    public static final Comparator<FlowBucket> FLOW_ORDER = Comparator
            .comparingLong((FlowBucket b) -> b.start)
            .thenComparing(b -> b.transport)
            .thenComparing(b -> b.remoteIp, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(b -> b.remotePort);

    private OutputRecords() {}

    /** An etw.connections record; {@code domain} null when no DNS answer of the process joined. */
    public static OutputRecord connection(EtwEvent event, ProcessIdentity process, String direction, String domain,
            long resolvedAt) {
        Endpoint local = Endpoint.of(event.localIp, event.localPort, null);
        Endpoint remote = Endpoint.of(event.remoteIp, event.remotePort, domain);
        boolean outbound = "outbound".equals(direction);
        ConnectionRecord record = new ConnectionRecord(
                EcsTime.format(event.ts),
                EventField.connectionStart(),
                new HostField(event.host),
                processRef(event.pid, process),
                new NetworkField("tcp", direction),
                outbound ? local : remote,
                outbound ? remote : local,
                domain == null ? null : new ConnectionRecord.Dns(
                        new ConnectionRecord.Question(domain), EcsTime.format(resolvedAt)));
        return new OutputRecord(event.host, event.ts, OutputJson.toJson(record));
    }

    /** An etw.flows record for one closed bucket of the process keyed {@code host/pid}. */
    public static OutputRecord flow(String processKey, FlowBucket bucket, long bucketMicros, ProcessIdentity process) {
        int slash = processKey.lastIndexOf('/');
        String host = processKey.substring(0, slash);
        long pid = Long.parseLong(processKey.substring(slash + 1));
        FlowRecord record = new FlowRecord(
                EcsTime.format(bucket.start),
                new FlowRecord.Bucket(EcsTime.format(bucket.start + bucketMicros), bucketMicros / 1_000_000L),
                new HostField(host),
                processRef(pid, process),
                new NetworkField(bucket.transport, null),
                new Endpoint(bucket.localIp, null, null, bucket.bytesOut, bucket.packetsOut),
                new Endpoint(bucket.remoteIp, bucket.remotePort, bucket.domain, bucket.bytesIn, bucket.packetsIn));
        return new OutputRecord(host, bucket.start, OutputJson.toJson(record));
    }

    /** An etw.health record for one host and interval [start, end) in microseconds. */
    public static OutputRecord health(String host, long start, long end, HealthCounters c) {
        HealthRecord record = HealthRecord.of(host, EcsTime.format(start), EcsTime.format(end),
                new HealthRecord.Counters(c.received, c.duplicates, c.sequenceGaps, c.late, c.passedOver,
                        c.deadLetters, c.etwEventsLost, c.etwBuffersLost, c.collectorDropped, c.collectorSpooled,
                        c.runs));
        return new OutputRecord(host, start, OutputJson.toJson(record));
    }

    /**
     * An etw.deadletter record. {@code host} and {@code ts} (µs) are null / -1 when the record was
     * too broken to tell.
     */
    public static OutputRecord deadLetter(String host, long ts, String errorType, String reason, byte[] original,
            String origin) {
        DeadLetterRecord record = DeadLetterRecord.of(ts < 0 ? null : EcsTime.format(ts), host, errorType, reason,
                original, origin);
        return new OutputRecord(host == null ? "" : host, ts, OutputJson.toJson(record));
    }

    private static ProcessRef processRef(long pid, ProcessIdentity process) {
        return new ProcessRef(pid, process.entityId, process.name, process.executable);
    }
}
