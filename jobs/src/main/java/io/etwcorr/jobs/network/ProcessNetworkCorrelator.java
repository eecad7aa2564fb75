package io.etwcorr.jobs.network;

import io.etwcorr.jobs.sequence.HostSequencer;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.beacon.CommandLines;
import io.etwcorr.jobs.beacon.Domains;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.jobs.normalize.EntityIds;
import io.etwcorr.jobs.normalize.IpAddresses;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.internal.InternalMapState;
import org.apache.flink.runtime.state.internal.InternalValueState;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Per process (host + PID), in the host's event-time order as {@link HostSequencer} releases it:
 * joins each DNS answer with the TCP connections and UDP flows that follow it (etw.connections, the
 * main output) and sums bytes per remote endpoint in event-time buckets (etw.flows, a side output).
 * A UDP flow is a "connection" from the first datagram the process sends to a remote endpoint after
 * an idle period (docs/contract/outputs.md); DNS (port 53) and multicast datagrams are lookups and
 * announcements, not connections. A failed lookup followed within the DNS-only window by a
 * successful one of the same name is one lookup, not a DNS-only callback of its own. A collector's
 * coalesced transfers count exactly as the sends and receives they replace: a burst spans from their
 * first to their last transfer, buckets count their bytes and events (the collector never lets a
 * window straddle a bucket).
 *
 * <p>The state belongs to one process instance: a ProcessStart or rundown with another entity id
 * for the same PID (PID reuse) closes the previous instance's buckets and forgets its answers and
 * connections. Buckets close, answers expire and a stopped process's state goes when the host's
 * watermark, carried by every event and by ticks, passes them.
 *
 * <p>Keyed by host, like the sequencer it is chained to (no shuffle between them: the pipeline
 * reinterprets the sequencer's output as keyed by host); a process's state is the host key's state
 * in the namespace of its PID. That is why this is an operator and not a {@code KeyedProcessFunction},
 * whose state has no namespaces.
 */
public final class ProcessNetworkCorrelator extends AbstractStreamOperator<OutputRecord>
        implements OneInputStreamOperator<EtwEvent, OutputRecord> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<OutputRecord> FLOWS = new OutputTag<>("flows") {};
    public static final OutputTag<Callback> CALLBACKS = new OutputTag<>("callbacks") {};

    private static final long MICROS_PER_SECOND = 1_000_000L;
    /** A bound on state per process, whatever the input: the oldest entries go first. */
    private static final int MAX_ENTRIES_PER_PROCESS = 4096;
    private static final int DNS_PORT = 53;

    private final long bucketMicros;
    private final long dnsTtlMicros;
    private final long processRetentionSeconds;
    private final long callbackGapMicros;
    private final long dnsOnlyWindowMicros;
    private final long connectionIdleMicros;
    private final long udpIdleMicros;

    /** Each in the namespace of the current event's PID ({@link #select}). */
    private transient InternalValueState<String, Long, ProcessIdentity> identity;
    private transient InternalMapState<String, Long, String, DnsAnswer> answers;
    private transient InternalMapState<String, Long, String, Connection> connections;
    private transient InternalMapState<String, Long, String, FlowBucket> buckets;
    private transient InternalMapState<String, Long, String, PendingLookup> pendingLookups;
    private transient TimestampedCollector<OutputRecord> out;
    /** The record being processed: its host and PID name the process, its timestamp goes on what it emits. */
    private transient StreamRecord<EtwEvent> input;

    public ProcessNetworkCorrelator(EtwcorrConfig.Correlation config) {
        this.bucketMicros = config.bucketSeconds * MICROS_PER_SECOND;
        this.dnsTtlMicros = config.dnsTtlSeconds * MICROS_PER_SECOND;
        this.processRetentionSeconds = config.processRetentionSeconds;
        this.callbackGapMicros = config.callbackGapMillis * 1000L;
        this.dnsOnlyWindowMicros = config.dnsOnlyWindowSeconds * MICROS_PER_SECOND;
        this.connectionIdleMicros = config.connectionIdleSeconds * MICROS_PER_SECOND;
        this.udpIdleMicros = config.udpIdleSeconds * MICROS_PER_SECOND;
    }

    /** Whether this function needs the event: process lifecycle, DNS answers, network, ticks. */
    public static boolean isInput(EtwEvent event) {
        return switch (event.kind) {
            case PROCESS_START, PROCESS_RUNDOWN, PROCESS_STOP, DNS_ANSWER, TCP_CONNECT, TCP_ACCEPT, TCP_SEND,
                    TCP_RECEIVE, TCP_DISCONNECT, UDP_SEND, UDP_RECEIVE, TCP_TRANSFERS, UDP_TRANSFERS -> true;
            case TICK -> event.pid >= 0; // per-host ticks (pid -1) are for the lineage
            default -> false;
        };
    }

    @Override
    public void open() throws Exception {
        super.open();
        out = new TimestampedCollector<>(output);
        ValueStateDescriptor<ProcessIdentity> identityDescriptor =
                new ValueStateDescriptor<>("identity", ProcessIdentitySerializer.INSTANCE);
        // A process whose stop was lost must not stay forever (wall-clock retention).
        identityDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofSeconds(processRetentionSeconds)).build());
        identity = perProcess(identityDescriptor);
        answers = perProcess(new MapStateDescriptor<>("dns-answers", StringSerializer.INSTANCE, DnsAnswerSerializer.INSTANCE));
        connections = perProcess(new MapStateDescriptor<>("connections", StringSerializer.INSTANCE, ConnectionSerializer.INSTANCE));
        buckets = perProcess(new MapStateDescriptor<>("flow-buckets", StringSerializer.INSTANCE, FlowBucketSerializer.INSTANCE));
        pendingLookups = perProcess(new MapStateDescriptor<>("pending-lookups", StringSerializer.INSTANCE, PendingLookupSerializer.INSTANCE));
    }

    @Override
    public void processElement(StreamRecord<EtwEvent> record) throws Exception {
        input = record;
        out.setTimestamp(record);
        EtwEvent event = record.getValue();
        select(event.pid);
        switch (event.kind) {
            case PROCESS_START, PROCESS_RUNDOWN -> startInstance(event);
            case PROCESS_STOP -> {
                ProcessIdentity current = identity.value();
                if (current != null) {
                    current.stoppedAt = event.ts;
                    identity.update(current);
                }
            }
            case DNS_ANSWER -> remember(event);
            case TCP_CONNECT -> {
                String key = connectionKey(event);
                Connection connection = connection(key);
                closeBurst(connection); // a reused connection id starts afresh
                connection.outbound = true;
                announce(event, key, connection, "outbound");
                activity(event, key, connection, 0, 0);
            }
            case TCP_ACCEPT -> {
                String key = connectionKey(event);
                announce(event, key, connection(key), "inbound");
            }
            case TCP_SEND -> {
                String key = connectionKey(event);
                Connection connection = connection(key);
                if (!connection.announced) {
                    connection.outbound = true;
                    announce(event, key, connection, "outbound"); // connected before we saw it
                }
                activity(event, key, connection, Math.max(0, event.size), 0);
                count(event, "tcp", true);
            }
            case TCP_RECEIVE -> {
                String key = connectionKey(event);
                activity(event, key, connection(key), 0, Math.max(0, event.size));
                count(event, "tcp", false);
            }
            case TCP_DISCONNECT -> {
                String key = connectionKey(event);
                Connection connection = connections.get(key);
                if (connection != null) {
                    closeBurst(connection);
                    connections.remove(key);
                }
            }
            case UDP_SEND -> {
                if (isUdpConnection(event)) {
                    String key = udpKey(event);
                    Connection flow = connection(key);
                    if (!flow.announced || event.ts - flow.lastTs >= udpIdleMicros) {
                        closeBurst(flow);
                        flow.outbound = true;
                        flow.udp = true;
                        announce(event, key, flow, "outbound");
                    }
                    activity(event, key, flow, Math.max(0, event.size), 0);
                }
                count(event, "udp", true);
            }
            case UDP_RECEIVE -> {
                Connection flow = isUdpConnection(event) ? connections.get(udpKey(event)) : null;
                if (flow != null) {
                    activity(event, udpKey(event), flow, 0, Math.max(0, event.size));
                }
                count(event, "udp", false);
            }
            case TCP_TRANSFERS -> {
                String key = connectionKey(event);
                Connection connection = connection(key);
                if (event.sends > 0 && !connection.announced) {
                    connection.outbound = true;
                    announce(event, key, connection, "outbound");
                }
                activity(event, event.lastTs, key, connection, event.sentBytes, event.receivedBytes);
                count(event, "tcp", event.sentBytes, event.sends, event.receivedBytes, event.receives);
            }
            case UDP_TRANSFERS -> {
                if (isUdpConnection(event)) {
                    udpTransfers(event);
                }
                count(event, "udp", event.sentBytes, event.sends, event.receivedBytes, event.receives);
            }
            case TICK -> expire(event.ts);
            default -> { }
        }
    }

    /** A UDP window: its sends open (or extend) a flow as UDP_SEND does; receives alone only extend one. */
    private void udpTransfers(EtwEvent event) throws Exception {
        String key = udpKey(event);
        Connection flow = connections.get(key);
        if (event.sends > 0) {
            flow = flow == null ? new Connection() : flow;
            if (!flow.announced || event.ts - flow.lastTs >= udpIdleMicros) {
                closeBurst(flow);
                flow.outbound = true;
                flow.udp = true;
                announce(event, key, flow, "outbound");
            }
        }
        if (flow != null) {
            activity(event, event.lastTs, key, flow, event.sentBytes, event.receivedBytes);
        }
    }

    private void startInstance(EtwEvent event) throws Exception {
        ProcessIdentity current = identity.value();
        if (current != null && current.entityId.equals(event.entityId)) {
            return; // a rundown of a process we already know
        }
        if (current != null) {
            endInstance(); // the PID now names another process
        }
        ProcessIdentity started = new ProcessIdentity();
        started.entityId = event.entityId;
        started.executable = event.executable;
        started.name = event.processName();
        started.groupCommandLine = CommandLines.normalize(event.commandLine);
        started.createTime = event.createTime;
        identity.update(started);
    }

    private void remember(EtwEvent answer) throws Exception {
        if (answer.queryName == null || answer.addresses == null) {
            return;
        }
        current(answer);
        if (answer.addresses.length > 0) {
            // A failed A lookup before a successful AAAA one (dual stack) is the same callback.
            String name = answer.queryName;
            long since = answer.ts - dnsOnlyWindowMicros;
            removeWhere(pendingLookups, lookup -> lookup.addresses.length == 0 && lookup.queryName.equals(name)
                    && lookup.ts >= since);
        }
        for (String address : answer.addresses) {
            answers.put(address, new DnsAnswer(answer.queryName, answer.ts, answer.ts + dnsTtlMicros));
        }
        if (isBeaconDomain(answer)) {
            pendingLookups.put(answer.queryName + '@' + answer.ts,
                    new PendingLookup(answer.queryName, answer.ts, answer.addresses));
        }
    }

    /** Lookups of local names (or answered only with local addresses) are never a beacon's destination. */
    private static boolean isBeaconDomain(EtwEvent answer) {
        if (answer.queryName.indexOf('.') < 0 || answer.queryName.endsWith(".local")) {
            return false;
        }
        for (String address : answer.addresses) {
            if (!IpAddresses.isLoopbackOrLinkLocal(address)) {
                return true;
            }
        }
        return answer.addresses.length == 0; // failed lookups (NXDOMAIN, DGA) count
    }

    private Connection connection(String key) throws Exception {
        Connection connection = connections.get(key);
        return connection == null ? new Connection() : connection;
    }

    /** Traffic on a connection: extends its burst, or ends it and starts another after an idle gap. */
    private void activity(EtwEvent event, String key, Connection connection, long bytesOut, long bytesIn) throws Exception {
        activity(event, event.ts, key, connection, bytesOut, bytesIn);
    }

    /** Traffic from {@code event.ts} to {@code last} (the same for one send or receive). */
    private void activity(EtwEvent event, long last, String key, Connection connection, long bytesOut, long bytesIn)
            throws Exception {
        if (connection.burstStart >= 0 && event.ts - connection.burstLast > callbackGapMicros) {
            closeBurst(connection);
        }
        if (connection.burstStart < 0) {
            connection.burstStart = event.ts;
        }
        connection.burstLast = last;
        connection.burstBytesOut += bytesOut;
        connection.burstBytesIn += bytesIn;
        connection.remoteIp = event.remoteIp;
        connection.remotePort = event.remotePort;
        connection.lastTs = last;
        connections.put(key, connection);
        if (connection.outbound && event.remoteIp != null) {
            dropLookupsUsedBy(event.remoteIp);
        }
    }

    /** Emits the connection's open burst as a callback (outbound ones only) and resets it. */
    private void closeBurst(Connection connection) throws Exception {
        if (connection.burstStart >= 0 && connection.outbound && connection.remoteIp != null
                && !IpAddresses.isLoopbackOrLinkLocal(connection.remoteIp)
                && !IpAddresses.isUnspecified(connection.remoteIp)) {
            Callback callback = callback(connection.burstStart);
            callback.destination = connection.domain != null
                    ? connection.domain : connection.remoteIp + ':' + connection.remotePort;
            callback.domain = connection.domain;
            callback.ip = connection.remoteIp;
            callback.port = connection.remotePort;
            callback.transport = connection.udp ? "udp" : "tcp";
            callback.bytesOut = connection.burstBytesOut;
            callback.bytesIn = connection.burstBytesIn;
            emit(CALLBACKS, callback);
        }
        connection.burstStart = -1;
        connection.burstBytesOut = 0;
        connection.burstBytesIn = 0;
    }

    private void dropLookupsUsedBy(String address) throws Exception {
        Iterator<Map.Entry<String, PendingLookup>> it = pendingLookups.iterator();
        while (it.hasNext()) {
            for (String answered : it.next().getValue().addresses) {
                if (answered.equals(address)) {
                    it.remove();
                    break;
                }
            }
        }
        dropIfEmpty(pendingLookups);
    }

    private Callback callback(long ts) throws Exception {
        ProcessIdentity process = identity.value();
        Callback callback = new Callback();
        callback.host = input.getValue().host;
        callback.pid = input.getValue().pid;
        callback.entityId = process.entityId;
        callback.executable = process.executable;
        callback.groupCommandLine = process.groupCommandLine;
        callback.ts = ts;
        return callback;
    }

    /** DNS answers the window has passed without a connection: DNS-only callbacks, in time order. */
    private void emitDnsOnlyCallbacks(long watermark) throws Exception {
        List<PendingLookup> due = new ArrayList<>();
        Iterator<Map.Entry<String, PendingLookup>> it = pendingLookups.iterator();
        while (it.hasNext()) {
            PendingLookup lookup = it.next().getValue();
            if (watermark == Long.MAX_VALUE || lookup.ts + dnsOnlyWindowMicros < watermark) {
                due.add(lookup);
                it.remove();
            }
        }
        dropIfEmpty(pendingLookups);
        due.sort(Comparator.comparingLong((PendingLookup l) -> l.ts).thenComparing(l -> l.queryName));
        for (PendingLookup lookup : due) {
            Callback callback = callback(lookup.ts);
            // Keyed by the registrable domain (a tunnel's labels change), named by what was asked.
            callback.domain = lookup.queryName;
            callback.destination = Domains.registrable(lookup.queryName);
            callback.transport = "dns";
            emit(CALLBACKS, callback);
        }
    }

    /** The process instance ends (stop passed, PID reused, end of input): flush and forget it. */
    private void endInstance() throws Exception {
        closeBuckets(Long.MAX_VALUE);
        emitDnsOnlyCallbacks(Long.MAX_VALUE);
        for (Connection connection : connections.values()) {
            closeBurst(connection);
        }
        answers.clear();
        connections.clear();
        pendingLookups.clear();
    }

    private void announce(EtwEvent event, String key, Connection connection, String direction) throws Exception {
        DnsAnswer answer = "outbound".equals(direction) ? liveAnswer(event.remoteIp, event.ts) : null;
        connection.announced = true;
        connection.domain = answer == null ? null : answer.queryName;
        connection.remoteIp = event.remoteIp;
        connection.remotePort = event.remotePort;
        connection.lastTs = event.ts;
        connections.put(key, connection);
        String transport = event.kind == EventKind.UDP_SEND || event.kind == EventKind.UDP_TRANSFERS ? "udp" : "tcp";
        out.collect(NetworkRecords.connection(event, current(event), transport, direction,
                answer == null ? null : answer.queryName, answer == null ? -1 : answer.resolvedAt));
    }

    private DnsAnswer liveAnswer(String address, long at) throws Exception {
        DnsAnswer answer = address == null ? null : answers.get(address);
        return answer != null && answer.resolvedAt <= at && at <= answer.expiresAt ? answer : null;
    }

    private void count(EtwEvent event, String transport, boolean sent) throws Exception {
        long size = Math.max(0, event.size);
        count(event, transport, sent ? size : 0, sent ? 1 : 0, sent ? 0 : size, sent ? 0 : 1);
    }

    private void count(EtwEvent event, String transport, long bytesOut, long packetsOut, long bytesIn, long packetsIn)
            throws Exception {
        current(event);
        long start = Math.floorDiv(event.ts, bucketMicros) * bucketMicros;
        String key = start + "/" + transport + "/" + event.remoteIp + "/" + event.remotePort;
        FlowBucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = new FlowBucket();
            bucket.start = start;
            bucket.transport = transport;
            bucket.localIp = event.localIp;
            bucket.remoteIp = event.remoteIp;
            bucket.remotePort = event.remotePort;
        }
        if (bucket.domain == null) {
            DnsAnswer answer = liveAnswer(event.remoteIp, event.ts);
            bucket.domain = answer == null ? null : answer.queryName;
        }
        bucket.bytesOut += bytesOut;
        bucket.packetsOut += packetsOut;
        bucket.bytesIn += bytesIn;
        bucket.packetsIn += packetsIn;
        buckets.put(key, bucket);
    }

    /** The host's watermark moved to {@code watermark}: close, expire and clean up what it passed. */
    private void expire(long watermark) throws Exception {
        ProcessIdentity current = identity.value();
        if (current == null) {
            return;
        }
        closeBuckets(watermark);
        boolean stopped = current.stoppedAt >= 0 && current.stoppedAt <= watermark;
        if (watermark == Long.MAX_VALUE || stopped && buckets.isEmpty()) {
            endInstance();
            identity.clear();
            return;
        }
        // A stopped process sends nothing more: its lookups and bursts are complete.
        emitDnsOnlyCallbacks(stopped ? Long.MAX_VALUE : watermark);
        for (Map.Entry<String, Connection> entry : connections.entries()) {
            Connection connection = entry.getValue();
            if (connection.burstStart >= 0 && (stopped || connection.burstLast < watermark - callbackGapMicros)) {
                closeBurst(connection);
                entry.setValue(connection);
            }
        }
        removeWhere(answers, answer -> answer.expiresAt < watermark);
        removeWhere(connections, connection -> connection.lastTs < watermark - connectionIdleMicros);
        keepNewest(answers, MAX_ENTRIES_PER_PROCESS, answer -> answer.resolvedAt);
        keepNewest(connections, MAX_ENTRIES_PER_PROCESS, connection -> connection.lastTs);
    }

    private void closeBuckets(long watermark) throws Exception {
        List<FlowBucket> closed = new ArrayList<>();
        Iterator<Map.Entry<String, FlowBucket>> it = buckets.iterator();
        while (it.hasNext()) {
            FlowBucket bucket = it.next().getValue();
            if (watermark == Long.MAX_VALUE || bucket.start + bucketMicros <= watermark) {
                closed.add(bucket);
                it.remove();
            }
        }
        dropIfEmpty(buckets);
        closed.sort(NetworkRecords.FLOW_ORDER);
        for (FlowBucket bucket : closed) {
            emit(FLOWS, NetworkRecords.flow(input.getValue().host, input.getValue().pid, bucket, bucketMicros,
                    identity.value()));
        }
    }

    /** A state of the host key in the namespace of a PID. */
    @SuppressWarnings("unchecked")
    private <S extends State> S perProcess(StateDescriptor<? extends State, ?> descriptor) throws Exception {
        return (S) getOrCreateKeyedState(LongSerializer.INSTANCE, descriptor);
    }

    /** Points every state at the process {@code pid} of the current host. */
    private void select(long pid) {
        identity.setCurrentNamespace(pid);
        answers.setCurrentNamespace(pid);
        connections.setCurrentNamespace(pid);
        buckets.setCurrentNamespace(pid);
        pendingLookups.setCurrentNamespace(pid);
    }

    /** A side output, stamped like the main output with the current record's timestamp. */
    private <X> void emit(OutputTag<X> tag, X value) {
        out.collect(tag, input.hasTimestamp()
                ? new StreamRecord<>(value, input.getTimestamp()) : new StreamRecord<>(value));
    }

    /**
     * The process instance an event belongs to; when its start was never seen, a stand-in named by
     * the event itself where it can (Sysmon's carry ProcessGuid and Image), else by the PID.
     */
    private ProcessIdentity current(EtwEvent event) throws Exception {
        ProcessIdentity current = identity.value();
        if (current == null) {
            current = new ProcessIdentity();
            current.entityId = event.entityId != null ? event.entityId
                    : EntityIds.of(event.host, -1, event.pid, -1); // stable while the PID lives
            current.executable = event.executable;
            current.name = event.processName();
            identity.update(current);
        }
        return current;
    }

    /** UDP to a remote endpoint that can be a callback's: not DNS itself, not multicast or broadcast. */
    private static boolean isUdpConnection(EtwEvent event) {
        return event.remoteIp != null && event.remotePort != DNS_PORT && !IpAddresses.isMulticastOrBroadcast(event.remoteIp);
    }

    /** UDP has no connection id: a flow is the process's local and remote endpoints. */
    private static String udpKey(EtwEvent event) {
        return "udp:" + event.localIp + ':' + event.localPort + '>' + event.remoteIp + ':' + event.remotePort;
    }

    private static String connectionKey(EtwEvent event) {
        return event.connId > 0 ? Long.toString(event.connId)
                : event.localIp + ':' + event.localPort + '>' + event.remoteIp + ':' + event.remotePort;
    }

    private static <V> void removeWhere(MapState<String, V> state, Predicate<V> stale) throws Exception {
        Iterator<Map.Entry<String, V>> it = state.iterator();
        while (it.hasNext()) {
            if (stale.test(it.next().getValue())) {
                it.remove();
            }
        }
        dropIfEmpty(state);
    }

    /**
     * Removing a map's last entry through its iterator leaves an empty map behind in heap state
     * backends, one per key forever: clearing the state drops it.
     */
    private static void dropIfEmpty(MapState<String, ?> state) throws Exception {
        if (state.isEmpty()) {
            state.clear();
        }
    }

    /** Bounds state per process whatever the input: beyond {@code limit}, the oldest entries go. */
    private static <V> void keepNewest(MapState<String, V> state, int limit, ToLongFunction<V> age) throws Exception {
        List<Map.Entry<String, V>> entries = new ArrayList<>();
        state.entries().forEach(entries::add);
        if (entries.size() <= limit) {
            return;
        }
        entries.sort(Comparator.comparingLong((Map.Entry<String, V> e) -> age.applyAsLong(e.getValue())));
        for (Map.Entry<String, V> stale : entries.subList(0, entries.size() - limit)) {
            state.remove(stale.getKey());
        }
    }
}
