package io.etwcorr.collector.selftest;

import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.collector.session.SessionLosses;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Compares what the self-test did ({@link StimulusReport}) with the records the collector decoded
 * while it did it. Each check names the event ids and props it reads, the way the jobs read them:
 * Kernel-Network's {@code PID} and local {@code s…}/remote {@code d…} endpoints, DNS-Client's
 * {@code QueryName} from the calling process, Kernel-Process's {@code ProcessID},
 * {@code ParentProcessID} and sequence numbers.
 */
public final class SelftestChecks {
    static final int TCP_SEND_V4 = 10;
    static final int TCP_RECEIVE_V4 = 11;
    static final int TCP_CONNECT_V4 = 12;
    static final int TCP_ACCEPT_V4 = 15;
    static final int PROCESS_START = 1;
    static final int PROCESS_STOP = 2;
    static final int PROCESS_RUNDOWN = 15;
    static final int DNS_QUERY_COMPLETED = 3008;

    private SelftestChecks() {
    }

    /** The checks the decoded events alone decide; the self-test waits until they pass or time runs out. */
    public static List<SelftestCheck> events(StimulusReport done, List<RawEvent> records) {
        List<SelftestCheck> checks = new ArrayList<>();
        checks.add(dnsLookup(done, records));
        checks.add(dnsAnswer(done, records));
        checks.add(tcpConnect(done, records));
        checks.add(tcpAccept(done, records));
        checks.add(bytes("bytes sent to the listener", TCP_SEND_V4, done.bytesToListener(), done, records));
        checks.add(bytes("bytes received from the listener", TCP_RECEIVE_V4, done.bytesFromListener(), done, records));
        Optional<RawEvent> start = childStart(done, records);
        checks.add(processStart(done, start));
        checks.add(processStop(done, records, start));
        checks.add(parentSequenceNumber(done, records, start));
        checks.add(processStartKey(start));
        return checks;
    }

    /** Every check: the session's mode and losses, the numbering of the records, then {@link #events}. */
    public static List<SelftestCheck> all(StimulusReport done, CapturedRecords captured, SessionLosses losses,
            OptionalInt logFileMode) {
        List<SelftestCheck> checks = new ArrayList<>();
        checks.add(independentSession(logFileMode));
        checks.add(new SelftestCheck("no events lost", losses.eventsLost() == 0 && losses.buffersLost() == 0,
                "EventsLost " + losses.eventsLost() + ", RealTimeBuffersLost " + losses.buffersLost()));
        checks.add(numbering(captured));
        checks.addAll(events(done, captured.kept()));
        return checks;
    }

    static SelftestCheck independentSession(OptionalInt logFileMode) {
        if (logFileMode.isEmpty()) {
            return new SelftestCheck("session mode", false, "ControlTraceW(QUERY) did not answer");
        }
        int mode = logFileMode.getAsInt();
        boolean independent = (mode & EtwConstants.EVENT_TRACE_INDEPENDENT_SESSION_MODE) != 0;
        boolean realTime = (mode & EtwConstants.EVENT_TRACE_REAL_TIME_MODE) != 0;
        return new SelftestCheck("session mode", independent && realTime, String.format("LogFileMode 0x%08x:%s%s", mode,
                realTime ? " real-time" : " NOT real-time", independent ? ", independent" : ", independent mode stripped"));
    }

    static SelftestCheck numbering(CapturedRecords captured) {
        long records = captured.records();
        boolean gapless = records > 0 && captured.outOfSequence() == 0;
        String detail = records == 0 ? "no records"
                : records + " records of one run, seq 0.." + (records - 1)
                        + (captured.outOfSequence() == 0 ? " without a gap" : ", " + captured.outOfSequence() + " out of sequence");
        if (captured.notKept() > 0) {
            detail += "; " + captured.notKept() + " not kept for the checks (busy host)";
        }
        return new SelftestCheck("record numbering", gapless, detail);
    }

    static SelftestCheck dnsLookup(StimulusReport done, List<RawEvent> records) {
        List<RawEvent> lookups = dnsEventsFor(done, records);
        if (lookups.isEmpty()) {
            return new SelftestCheck("dns lookup", false, "no DNS-Client event for " + done.resolvedName() + " from pid "
                    + done.pid());
        }
        RawEvent first = lookups.get(0);
        return new SelftestCheck("dns lookup", true, lookups.size() + " DNS-Client event(s) for " + done.resolvedName()
                + " from pid " + done.pid() + ", first id " + first.id() + " v" + first.ver());
    }

    static SelftestCheck dnsAnswer(StimulusReport done, List<RawEvent> records) {
        if (done.resolvedAddresses().isEmpty()) {
            return new SelftestCheck("dns answer", false, done.resolvedName() + " did not resolve on this host; "
                    + "run again with --resolve NAME of a name it resolves");
        }
        Optional<RawEvent> answer = dnsEventsFor(done, records).stream()
                .filter(e -> e.id() == DNS_QUERY_COMPLETED && Long.valueOf(0).equals(e.propLong("QueryStatus")))
                .filter(e -> done.resolvedAddresses().stream().anyMatch(a -> Objects.toString(e.propString("QueryResults"), "")
                        .contains(a)))
                .findFirst();
        return answer.map(e -> new SelftestCheck("dns answer", true, "3008 v" + e.ver() + " status 0: "
                        + e.propString("QueryResults")))
                .orElseGet(() -> new SelftestCheck("dns answer", false, "no 3008 with status 0 listing any of "
                        + done.resolvedAddresses()));
    }

    static SelftestCheck tcpConnect(StimulusReport done, List<RawEvent> records) {
        return endpoints("tcp connect", TCP_CONNECT_V4, done.clientPort(), done.listenerPort(), done, records);
    }

    /** The listener's side of the same connection: its local end is the listener's port. */
    static SelftestCheck tcpAccept(StimulusReport done, List<RawEvent> records) {
        return endpoints("tcp accept", TCP_ACCEPT_V4, done.listenerPort(), done.clientPort(), done, records);
    }

    private static SelftestCheck endpoints(String name, int id, int localPort, int remotePort, StimulusReport done,
            List<RawEvent> records) {
        List<RawEvent> ofPid = network(records, done, id);
        Optional<RawEvent> match = ofPid.stream().filter(e -> isOn(e, done, localPort, remotePort)).findFirst();
        String expected = done.listenerAddress() + ":" + localPort + " -> " + done.listenerAddress() + ":" + remotePort;
        if (match.isPresent()) {
            return new SelftestCheck(name, true, "id " + id + " pid " + done.pid() + " " + expected);
        }
        return new SelftestCheck(name, false, "no id " + id + " of pid " + done.pid() + " " + expected
                + (ofPid.isEmpty() ? "" : "; seen: " + ofPid.stream().map(SelftestChecks::endpointsOf).distinct().toList()));
    }

    static SelftestCheck bytes(String name, int id, long expected, StimulusReport done, List<RawEvent> records) {
        List<RawEvent> transfers = network(records, done, id).stream()
                .filter(e -> isOn(e, done, done.clientPort(), done.listenerPort())).toList();
        long total = transfers.stream().mapToLong(e -> Objects.requireNonNullElse(e.propLong("size"), 0L)).sum();
        return new SelftestCheck(name, total == expected, total + " of " + expected + " bytes in " + transfers.size()
                + " event(s) id " + id + " on port " + done.clientPort());
    }

    static SelftestCheck processStart(StimulusReport done, Optional<RawEvent> start) {
        if (start.isEmpty()) {
            return new SelftestCheck("process start", false, "no Kernel-Process 1 for pid " + done.childPid());
        }
        RawEvent event = start.get();
        Long parent = event.propLong("ParentProcessID");
        String image = fileName(event.propString("ImageName"));
        boolean passed = Long.valueOf(done.pid()).equals(parent) && done.childImage().equalsIgnoreCase(image);
        return new SelftestCheck("process start", passed, "1 v" + event.ver() + " pid " + done.childPid() + " "
                + image + ", parent " + parent + (passed ? "" : "; expected " + done.childImage() + ", parent " + done.pid()));
    }

    static SelftestCheck processStop(StimulusReport done, List<RawEvent> records, Optional<RawEvent> start) {
        Optional<RawEvent> stop = records.stream()
                .filter(e -> isProcessEvent(e, PROCESS_STOP) && Long.valueOf(done.childPid()).equals(e.propLong("ProcessID")))
                .findFirst();
        if (stop.isEmpty()) {
            return new SelftestCheck("process stop", false, "no Kernel-Process 2 for pid " + done.childPid());
        }
        RawEvent event = stop.get();
        Long exitCode = event.propLong("ExitCode");
        Long startSequence = start.map(e -> e.propLong("ProcessSequenceNumber")).orElse(null);
        Long stopSequence = event.propLong("ProcessSequenceNumber");
        boolean sameProcess = startSequence == null || startSequence.equals(stopSequence);
        boolean passed = Long.valueOf(done.childExitCode()).equals(exitCode) && sameProcess;
        return new SelftestCheck("process stop", passed, "2 v" + event.ver() + " exit code " + exitCode + " (expected "
                + done.childExitCode() + "), sequence number " + stopSequence + " (start: " + startSequence + ")");
    }

    /** The child's ParentProcessSequenceNumber names this process as its start or rundown event does. */
    static SelftestCheck parentSequenceNumber(StimulusReport done, List<RawEvent> records, Optional<RawEvent> start) {
        Long parentSequence = start.map(e -> e.propLong("ParentProcessSequenceNumber")).orElse(null);
        Optional<Long> ownSequence = records.stream()
                .filter(e -> isProcessEvent(e, PROCESS_START) || isProcessEvent(e, PROCESS_RUNDOWN))
                .filter(e -> Long.valueOf(done.pid()).equals(e.propLong("ProcessID")))
                .map(e -> e.propLong("ProcessSequenceNumber")).filter(Objects::nonNull).findFirst();
        if (parentSequence == null || ownSequence.isEmpty()) {
            return new SelftestCheck("parent sequence number", false, "child's ParentProcessSequenceNumber " + parentSequence
                    + ", this process's ProcessSequenceNumber "
                    + ownSequence.map(String::valueOf).orElse("not seen (no start or rundown of pid " + done.pid() + ")"));
        }
        return new SelftestCheck("parent sequence number", parentSequence.equals(ownSequence.get()),
                "child's ParentProcessSequenceNumber " + parentSequence + ", this process's ProcessSequenceNumber " + ownSequence.get());
    }

    /**
     * The child's ProcessStart carries a process start key (the record's {@code pkey}): its creator's,
     * this process's. It is what names a parent across PID reuse where ProcessStart has no sequence
     * numbers (before Windows 10 1903), and whether a build delivers it is known only from a host.
     */
    static SelftestCheck processStartKey(Optional<RawEvent> start) {
        if (start.isEmpty()) {
            return new SelftestCheck("process start key", false, "no Kernel-Process 1 of the child");
        }
        Long key = start.get().pkey();
        return new SelftestCheck("process start key", key != null, key != null
                ? "the child's ProcessStart carries pkey " + key + " (this process's start key)"
                : "the child's ProcessStart has no PROCESS_START_KEY extended data item");
    }

    private static Optional<RawEvent> childStart(StimulusReport done, List<RawEvent> records) {
        return records.stream()
                .filter(e -> isProcessEvent(e, PROCESS_START) && Long.valueOf(done.childPid()).equals(e.propLong("ProcessID")))
                .findFirst();
    }

    private static List<RawEvent> dnsEventsFor(StimulusReport done, List<RawEvent> records) {
        String name = normalized(done.resolvedName());
        Predicate<RawEvent> fromUs = e -> e.pid() == done.pid() || Long.valueOf(done.pid()).equals(e.propLong("ClientPID"));
        return records.stream()
                .filter(e -> EtwProvider.DNS_CLIENT.providerName().equals(e.provider()))
                .filter(e -> e.propString("QueryName") != null && normalized(e.propString("QueryName")).equals(name))
                .filter(fromUs).toList();
    }

    private static List<RawEvent> network(List<RawEvent> records, StimulusReport done, int id) {
        return records.stream()
                .filter(e -> EtwProvider.KERNEL_NETWORK.providerName().equals(e.provider()) && e.id() == id)
                .filter(e -> Long.valueOf(done.pid()).equals(e.propLong("PID"))).toList();
    }

    private static boolean isOn(RawEvent e, StimulusReport done, int localPort, int remotePort) {
        return done.listenerAddress().equals(e.propString("saddr")) && done.listenerAddress().equals(e.propString("daddr"))
                && Long.valueOf(localPort).equals(e.propLong("sport")) && Long.valueOf(remotePort).equals(e.propLong("dport"));
    }

    private static String endpointsOf(RawEvent e) {
        return e.propString("saddr") + ":" + e.propLong("sport") + " -> " + e.propString("daddr") + ":" + e.propLong("dport");
    }

    private static boolean isProcessEvent(RawEvent e, int id) {
        return EtwProvider.KERNEL_PROCESS.providerName().equals(e.provider()) && e.id() == id;
    }

    private static String normalized(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** {@code cmd.exe} of {@code \Device\HarddiskVolume3\Windows\System32\cmd.exe}. */
    private static String fileName(String image) {
        if (image == null) {
            return null;
        }
        int slash = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
        return image.substring(slash + 1);
    }
}
