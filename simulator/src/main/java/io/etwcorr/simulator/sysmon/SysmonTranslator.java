package io.etwcorr.simulator.sysmon;

import io.etwcorr.schemas.raw.RawEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Sysmon would have logged for a simulated fleet's raw ETW events, so that the same scenarios
 * run through both inputs. Feed it every raw event of the fleet in order; it answers the Sysmon
 * event each one becomes, if any:
 *
 * <ul>
 *   <li>Kernel-Process start and rundown → 1 (Sysmon starts at boot, so its log has the creation of
 *       the processes an ETW session only sees in its rundown), stop → 5;
 *   <li>a ThreadStart by another process → 8, except a parent starting its new child's first thread;
 *   <li>DNS-Client 3008 → 22; TCP connect and accept → 3; the first UDP datagram to an endpoint
 *       after a minute of silence → 3;
 *   <li>sends, receives, disconnects, heartbeats and other providers → nothing (Sysmon has no byte counts).
 * </ul>
 *
 * ProcessGuids are derived from host and ProcessSequenceNumber; record ids count per host from 1.
 */
public final class SysmonTranslator {
    private static final String KERNEL_PROCESS = "Microsoft-Windows-Kernel-Process";
    private static final String DNS_CLIENT = "Microsoft-Windows-DNS-Client";
    private static final String KERNEL_NETWORK = "Microsoft-Windows-Kernel-Network";
    private static final long UDP_IDLE_MICROS = 60_000_000L;
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** One Sysmon event: the envelope and its event data by Sysmon's names, in Sysmon's order. */
    public record SysmonEvent(String host, long recordId, long ts, int eventId, Map<String, String> data) {
    }

    private record Process(String guid, String image, long parentSequence) {
    }

    private final Map<String, HostState> hosts = new HashMap<>();

    private static final class HostState {
        long recordIds;
        final Map<Long, Long> sequenceOfPid = new HashMap<>();
        final Map<Long, Process> processes = new HashMap<>();
        final Set<Long> withThreads = new HashSet<>();
        final Map<String, Long> lastUdp = new HashMap<>();
    }

    public Optional<SysmonEvent> translate(RawEvent raw) {
        HostState host = hosts.computeIfAbsent(raw.host(), h -> new HostState());
        Map<String, String> data = switch (raw.provider()) {
            case KERNEL_PROCESS -> kernelProcess(raw, host);
            case DNS_CLIENT -> raw.id() == 3008 ? dns(raw, host) : null;
            case KERNEL_NETWORK -> network(raw, host);
            default -> null;
        };
        if (data == null) {
            return Optional.empty();
        }
        int eventId = Integer.parseInt(data.remove("#id"));
        return Optional.of(new SysmonEvent(raw.host(), ++host.recordIds, raw.ts(), eventId, data));
    }

    private Map<String, String> kernelProcess(RawEvent raw, HostState host) {
        return switch (raw.id()) {
            case 1, 15 -> processCreate(raw, host);
            case 2 -> processTerminated(raw, host);
            case 3 -> remoteThread(raw, host);
            default -> null;
        };
    }

    private Map<String, String> processCreate(RawEvent raw, HostState host) {
        long pid = raw.propLong("ProcessID");
        long sequence = raw.propLong("ProcessSequenceNumber");
        Long parentSequenceNumber = raw.propLong("ParentProcessSequenceNumber");
        long parentSequence = parentSequenceNumber == null ? -1 : parentSequenceNumber;
        String image = image(raw);
        Process process = new Process(guid(raw.host(), sequence), image, parentSequence);
        host.processes.put(sequence, process);
        host.sequenceOfPid.put(pid, sequence);
        Process parent = host.processes.get(parentSequence);
        Map<String, String> data = event(1, raw.propLong("CreateTime"));
        data.put("ProcessGuid", process.guid());
        data.put("ProcessId", Long.toString(pid));
        data.put("Image", image);
        data.put("CommandLine", orDash(raw.enrichment("cmdline")));
        data.put("User", orDash(raw.enrichment("user")));
        data.put("ParentProcessGuid", parentSequence < 0 ? "{00000000-0000-0000-0000-000000000000}"
                : guid(raw.host(), parentSequence));
        data.put("ParentProcessId", Long.toString(raw.propLong("ParentProcessID")));
        data.put("ParentImage", parent == null ? "-" : parent.image());
        return data;
    }

    private Map<String, String> processTerminated(RawEvent raw, HostState host) {
        long sequence = raw.propLong("ProcessSequenceNumber");
        Process process = host.processes.remove(sequence);
        host.withThreads.remove(sequence);
        Map<String, String> data = event(5, raw.ts());
        data.put("ProcessGuid", guid(raw.host(), sequence));
        data.put("ProcessId", Long.toString(raw.propLong("ProcessID")));
        data.put("Image", process == null ? image(raw) : process.image());
        return data;
    }

    private Map<String, String> remoteThread(RawEvent raw, HostState host) {
        long owner = raw.propLong("ProcessID");
        Long targetSequence = host.sequenceOfPid.get(owner);
        if (owner == raw.pid()) {
            if (targetSequence != null) {
                host.withThreads.add(targetSequence);
            }
            return null;
        }
        Long sourceSequence = host.sequenceOfPid.get((long) raw.pid());
        if (targetSequence == null || sourceSequence == null) {
            return null;
        }
        Process target = host.processes.get(targetSequence);
        boolean firstThreadOfOwnChild = target != null && target.parentSequence() == sourceSequence
                && host.withThreads.add(targetSequence);
        if (target == null || firstThreadOfOwnChild) {
            return null;
        }
        Process source = host.processes.get(sourceSequence);
        Map<String, String> data = event(8, raw.ts());
        data.put("SourceProcessGuid", guid(raw.host(), sourceSequence));
        data.put("SourceProcessId", Integer.toString(raw.pid()));
        data.put("SourceImage", source == null ? "-" : source.image());
        data.put("TargetProcessGuid", target.guid());
        data.put("TargetProcessId", Long.toString(owner));
        data.put("TargetImage", target.image());
        data.put("NewThreadId", Long.toString(raw.propLong("ThreadID")));
        Long start = raw.propLong("Win32StartAddr");
        data.put("StartAddress", start == null ? "-" : String.format("0x%016X", start));
        data.put("StartModule", "-");
        data.put("StartFunction", "-");
        return data;
    }

    private Map<String, String> dns(RawEvent raw, HostState host) {
        Map<String, String> data = processEvent(22, raw.ts(), raw.host(), raw.pid(), host);
        data.put("QueryName", raw.propString("QueryName"));
        data.put("QueryStatus", Long.toString(raw.propLong("QueryStatus")));
        String results = raw.propString("QueryResults");
        data.put("QueryResults", results == null || results.isEmpty() ? "-" : results);
        return data;
    }

    private Map<String, String> network(RawEvent raw, HostState host) {
        int id = raw.id();
        boolean connect = id == 12 || id == 28;
        boolean accept = id == 15 || id == 31;
        boolean udpSend = id == 42 || id == 58;
        if (!connect && !accept && !udpSend) {
            return null;
        }
        long pid = raw.propLong("PID");
        String local = raw.propString("saddr");
        String remote = raw.propString("daddr");
        long localPort = raw.propLong("sport");
        long remotePort = raw.propLong("dport");
        if (udpSend) {
            Long last = host.lastUdp.put(pid + "|" + local + ":" + localPort + ">" + remote + ":" + remotePort, raw.ts());
            if (last != null && raw.ts() - last < UDP_IDLE_MICROS) {
                return null;
            }
        }
        Map<String, String> data = processEvent(3, raw.ts(), raw.host(), pid, host);
        boolean initiated = !accept;
        boolean ipv6 = remote.indexOf(':') >= 0;
        data.put("Protocol", udpSend ? "udp" : "tcp");
        data.put("Initiated", Boolean.toString(initiated));
        // Sysmon names the initiator Source, also for inbound connections.
        data.put("SourceIsIpv6", Boolean.toString(ipv6));
        data.put("SourceIp", initiated ? local : remote);
        data.put("SourceHostname", "-");
        data.put("SourcePort", Long.toString(initiated ? localPort : remotePort));
        data.put("SourcePortName", "-");
        data.put("DestinationIsIpv6", Boolean.toString(ipv6));
        data.put("DestinationIp", initiated ? remote : local);
        data.put("DestinationHostname", "-");
        data.put("DestinationPort", Long.toString(initiated ? remotePort : localPort));
        data.put("DestinationPortName", "-");
        return data;
    }

    /** An event about process {@code pid} as the host knows it now. */
    private Map<String, String> processEvent(int eventId, long ts, String hostName, long pid, HostState host) {
        Long sequence = host.sequenceOfPid.get(pid);
        Process process = sequence == null ? null : host.processes.get(sequence);
        Map<String, String> data = event(eventId, ts);
        data.put("ProcessGuid", process == null ? guid(hostName, -pid) : process.guid());
        data.put("ProcessId", Long.toString(pid));
        data.put("Image", process == null ? "<unknown process>" : process.image());
        return data;
    }

    private static Map<String, String> event(int eventId, long utcMicros) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("#id", Integer.toString(eventId));
        data.put("RuleName", "-");
        data.put("UtcTime", UTC_TIME.format(Instant.EPOCH.plus(utcMicros, ChronoUnit.MICROS)));
        return data;
    }

    private static String image(RawEvent raw) {
        String dos = raw.enrichment("image");
        return dos != null ? dos : raw.propString("ImageName");
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    /** A ProcessGuid for the process with this sequence number on {@code host}: stable, unique per host. */
    static String guid(String host, long sequence) {
        return String.format("{%08x-%04x-%04x-0000-%012x}", host.hashCode(), 0x5175, 0x6d6f, sequence & 0xffff_ffff_ffffL);
    }
}
