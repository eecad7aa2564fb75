package io.etwcorr.jobs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.jobs.normalize.EntityIds;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** Normalized events as the job functions receive them, and readers for what they emit. */
public final class TestEvents {

    /** A minute boundary (2026-11-25T12:27:00Z), in µs: buckets and health intervals start here. */
    public static final long T0 = 1_795_633_620_000_000L;
    public static final long SECOND = 1_000_000L;

    public static final String RUN = "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10";
    public static final String LOCAL_IP = "10.0.0.42";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {}

    /** The defaults: 60 s buckets and health intervals, 600 s DNS TTL, 10 s lateness. */
    public static EtwcorrConfig.Correlation defaults() {
        return new EtwcorrConfig.Correlation();
    }

    public static EtwEvent event(EventKind kind, String host, long seq, long ts, long pid) {
        EtwEvent event = new EtwEvent();
        event.kind = kind;
        event.host = host;
        event.run = RUN;
        event.seq = seq;
        event.ts = ts;
        event.pid = pid;
        return event;
    }

    public static EtwEvent processStart(String host, long seq, long ts, long pid, long processSeq, String executable) {
        EtwEvent event = event(EventKind.PROCESS_START, host, seq, ts, pid);
        event.processSeq = processSeq;
        event.createTime = ts;
        event.entityId = EntityIds.of(host, processSeq, pid, ts);
        event.image = executable;
        event.executable = executable;
        return event;
    }

    public static EtwEvent processRundown(String host, long seq, long ts, long pid, long processSeq, String executable) {
        EtwEvent event = processStart(host, seq, ts, pid, processSeq, executable);
        event.kind = EventKind.PROCESS_RUNDOWN;
        return event;
    }

    public static EtwEvent processStop(String host, long seq, long ts, long pid, long processSeq) {
        EtwEvent event = event(EventKind.PROCESS_STOP, host, seq, ts, pid);
        event.processSeq = processSeq;
        event.entityId = EntityIds.ofSequence(host, processSeq);
        return event;
    }

    public static EtwEvent dnsAnswer(String host, long seq, long ts, long pid, String name, String... addresses) {
        EtwEvent event = event(EventKind.DNS_ANSWER, host, seq, ts, pid);
        event.queryName = name;
        event.queryType = 1;
        event.status = 0;
        event.cnames = new String[0];
        event.addresses = addresses;
        return event;
    }

    /** A Kernel-Network event of {@code kind} on connection {@code connId}, local port 50123. */
    public static EtwEvent network(EventKind kind, String host, long seq, long ts, long pid, String remoteIp, int remotePort,
            long size, long connId) {
        EtwEvent event = event(kind, host, seq, ts, pid);
        event.localIp = remoteIp.indexOf(':') >= 0 ? "fd00::42" : LOCAL_IP;
        event.localPort = 50123;
        event.remoteIp = remoteIp;
        event.remotePort = remotePort;
        event.size = size;
        event.connId = connId;
        return event;
    }

    public static EtwEvent heartbeat(String host, long seq, long ts, long eventsLost, long buffersLost, long dropped,
            long spooled) {
        EtwEvent event = event(EventKind.HEARTBEAT, host, seq, ts, -1);
        event.eventsLost = eventsLost;
        event.buffersLost = buffersLost;
        event.sent = seq;
        event.dropped = dropped;
        event.spooled = spooled;
        return event;
    }

    public static EtwEvent withRun(EtwEvent event, String run) {
        event.run = run;
        return event;
    }

    /** The JSON of each record, parsed. */
    public static List<JsonNode> json(Collection<StreamRecord<OutputRecord>> records) {
        return records.stream().map(record -> parse(record.getValue().json)).toList();
    }

    public static List<JsonNode> jsonOf(Collection<OutputRecord> records) {
        return records.stream().map(record -> parse(record.json)).toList();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
