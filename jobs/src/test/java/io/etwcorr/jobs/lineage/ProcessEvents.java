package io.etwcorr.jobs.lineage;

import io.etwcorr.jobs.model.BeaconCandidate;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.normalize.EntityIds;
import io.etwcorr.schemas.out.EventField;

/**
 * Normalized process events of host {@value #HOST} as the normalizer produces them, for the lineage
 * tests. Processes are named by their ProcessSequenceNumber; times are µs from {@link #T0}.
 */
final class ProcessEvents {
    static final String HOST = "WS-0042";
    static final long T0 = 1_795_633_600_000_000L;
    static final long SECOND = 1_000_000L;
    static final long HOUR = 3600 * SECOND;
    static final long NO_PARENT = -1;

    private ProcessEvents() {}

    static String id(long seq) {
        return EntityIds.ofSequence(HOST, seq);
    }

    static String executable(String name) {
        return "C:\\Windows\\System32\\" + name;
    }

    /** A ProcessStart of {@code name} as process {@code seq} (PID {@code pid}) by parent {@code parentSeq}. */
    static EtwEvent start(long at, long pid, long seq, String name, long parentPid, long parentSeq) {
        EtwEvent event = process(EventKind.PROCESS_START, at, pid, seq, name);
        event.creatorPid = parentPid;
        event.parentPid = parentPid;
        event.parentProcessSeq = parentSeq;
        event.parentEntityId = parentSeq == NO_PARENT ? null : id(parentSeq);
        return event;
    }

    /** A ProcessStart of an old event version: no sequence numbers, so the parent comes from its PID. */
    static EtwEvent startWithoutSequence(long at, long pid, String name, long parentPid) {
        EtwEvent event = start(at, pid, NO_PARENT, name, parentPid, NO_PARENT);
        event.entityId = EntityIds.of(HOST, -1, pid, at);
        return event;
    }

    /** A ProcessRundown: {@code name} was already running when the session started. */
    static EtwEvent rundown(long at, long pid, long seq, String name, long parentPid, long parentSeq) {
        EtwEvent event = start(at, pid, seq, name, parentPid, parentSeq);
        event.kind = EventKind.PROCESS_RUNDOWN;
        event.createTime = at - HOUR;
        event.creatorPid = -1;
        return event;
    }

    static EtwEvent stop(long at, long pid, long seq, String name) {
        EtwEvent event = process(EventKind.PROCESS_STOP, at, pid, seq, name);
        event.createTime = -1;
        event.exitTime = at;
        return event;
    }

    /** A ThreadStart in process {@code pid} by process {@code creatorPid}. */
    static EtwEvent thread(long at, long creatorPid, long pid) {
        EtwEvent event = new EtwEvent();
        event.kind = EventKind.THREAD_START;
        event.host = HOST;
        event.ts = at;
        event.pid = pid;
        event.creatorPid = creatorPid;
        event.threadId = 9000 + at % 1000;
        return event;
    }

    static EtwEvent hostTick(long watermark) {
        return EtwEvent.tick(HOST, -1, watermark);
    }

    /** A beacon of process {@code seq} toward cdn.evil.example, first and last callback as given. */
    static BeaconCandidate candidate(long pid, long seq, long firstSeen, long lastSeen) {
        BeaconCandidate candidate = new BeaconCandidate();
        candidate.host = HOST;
        candidate.pid = pid;
        candidate.entityId = id(seq);
        candidate.destination = "cdn.evil.example";
        candidate.domain = "cdn.evil.example";
        candidate.ip = "203.0.113.7";
        candidate.port = 443;
        candidate.intervalSeconds = 60.4;
        candidate.jitter = 0.21;
        candidate.score = 0.93;
        candidate.callbacks = 14;
        candidate.firstSeen = firstSeen;
        candidate.lastSeen = lastSeen;
        candidate.bytesOutMedian = 517;
        candidate.bytesInMedian = 190;
        candidate.hostsContactingDestination = 1;
        candidate.episodeId = "beacon-" + seq + "-" + firstSeen;
        candidate.action = EventField.BEACON_DETECTED;
        return candidate;
    }

    private static EtwEvent process(EventKind kind, long at, long pid, long seq, String name) {
        EtwEvent event = new EtwEvent();
        event.kind = kind;
        event.host = HOST;
        event.ts = at;
        event.pid = pid;
        event.processSeq = seq;
        event.entityId = seq == NO_PARENT ? null : id(seq);
        event.createTime = at;
        event.image = "\\Device\\HarddiskVolume3\\Windows\\System32\\" + name;
        event.executable = executable(name);
        event.commandLine = name + " /run";
        return event;
    }
}
