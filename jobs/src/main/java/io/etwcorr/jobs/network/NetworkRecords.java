package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.out.ConnectionRecord;
import io.etwcorr.schemas.out.EcsTime;
import io.etwcorr.schemas.out.Endpoint;
import io.etwcorr.schemas.out.EventField;
import io.etwcorr.schemas.out.FlowRecord;
import io.etwcorr.schemas.out.HostField;
import io.etwcorr.schemas.out.NetworkField;
import io.etwcorr.schemas.out.OutputJson;
import io.etwcorr.schemas.out.ProcessRef;
import java.util.Comparator;

/** The etw.connections and etw.flows records (docs/contract/outputs.md) of the correlator's state, serialized once. */
public final class NetworkRecords {
    /** The order in which the buckets of one process are emitted, so that output is deterministic. */
    public static final Comparator<FlowBucket> FLOW_ORDER = Comparator
            .comparingLong((FlowBucket b) -> b.start)
            .thenComparing(b -> b.transport)
            .thenComparing(b -> b.remoteIp, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(b -> b.remotePort);

    /** An etw.connections record (TCP, or a UDP flow); {@code domain} null when no DNS answer of the process joined. */
    public static OutputRecord connection(EtwEvent event, ProcessIdentity process, String transport, String direction,
            String domain, long resolvedAt) {
        Endpoint local = Endpoint.of(event.localIp, event.localPort, null);
        Endpoint remote = Endpoint.of(event.remoteIp, event.remotePort, domain);
        boolean outbound = "outbound".equals(direction);
        ConnectionRecord record = new ConnectionRecord(
                EcsTime.format(event.ts),
                EventField.connectionStart(),
                new HostField(event.host),
                processRef(event.pid, process),
                new NetworkField(transport, direction),
                outbound ? local : remote,
                outbound ? remote : local,
                domain == null ? null : new ConnectionRecord.Dns(
                        new ConnectionRecord.Question(domain), EcsTime.format(resolvedAt)));
        return new OutputRecord(event.host, event.ts, OutputJson.toJson(record));
    }

    /** An etw.flows record for one closed bucket of the process {@code pid} of {@code host}. */
    public static OutputRecord flow(String host, long pid, FlowBucket bucket, long bucketMicros, ProcessIdentity process) {
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

    private static ProcessRef processRef(long pid, ProcessIdentity process) {
        return new ProcessRef(pid, process.entityId, process.name, process.executable);
    }

    private NetworkRecords() {}
}
