package io.etwcorr.jobs.normalize;

import static io.etwcorr.jobs.normalize.RawEventFixtures.COLLECTOR;
import static io.etwcorr.jobs.normalize.RawEventFixtures.COMMAND_LINE;
import static io.etwcorr.jobs.normalize.RawEventFixtures.CREATE_TIME;
import static io.etwcorr.jobs.normalize.RawEventFixtures.DNS_CLIENT;
import static io.etwcorr.jobs.normalize.RawEventFixtures.DOS_IMAGE;
import static io.etwcorr.jobs.normalize.RawEventFixtures.HOST;
import static io.etwcorr.jobs.normalize.RawEventFixtures.KERNEL_NETWORK;
import static io.etwcorr.jobs.normalize.RawEventFixtures.KERNEL_NETWORK_GUID;
import static io.etwcorr.jobs.normalize.RawEventFixtures.KERNEL_POINTER;
import static io.etwcorr.jobs.normalize.RawEventFixtures.KERNEL_PROCESS;
import static io.etwcorr.jobs.normalize.RawEventFixtures.NT_IMAGE;
import static io.etwcorr.jobs.normalize.RawEventFixtures.RUN;
import static io.etwcorr.jobs.normalize.RawEventFixtures.USER;
import static io.etwcorr.jobs.normalize.RawEventFixtures.dnsCacheAnswer;
import static io.etwcorr.jobs.normalize.RawEventFixtures.dnsNetworkAnswer;
import static io.etwcorr.jobs.normalize.RawEventFixtures.dnsQuery;
import static io.etwcorr.jobs.normalize.RawEventFixtures.dnsQueryCompleted;
import static io.etwcorr.jobs.normalize.RawEventFixtures.expected;
import static io.etwcorr.jobs.normalize.RawEventFixtures.extend;
import static io.etwcorr.jobs.normalize.RawEventFixtures.heartbeat;
import static io.etwcorr.jobs.normalize.RawEventFixtures.map;
import static io.etwcorr.jobs.normalize.RawEventFixtures.network;
import static io.etwcorr.jobs.normalize.RawEventFixtures.networkConnect;
import static io.etwcorr.jobs.normalize.RawEventFixtures.networkSend;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processRundown;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStartV0;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStartV1;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStartV2;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStartV3;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStartV4;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStartV5;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStopV0;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStopV1;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStopV2;
import static io.etwcorr.jobs.normalize.RawEventFixtures.raw;
import static io.etwcorr.jobs.normalize.RawEventFixtures.threadStart;
import static io.etwcorr.jobs.normalize.RawEventFixtures.withEnrichment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventNormalizerTest {

    private static final String EXAMPLE_RESULTS = "type:  5 edge.example-dns.com;::ffff:162.125.81.15;198.51.44.6;2620:4d:4000::1;";

    private final EventNormalizer normalizer = new EventNormalizer();

    // The four example lines of docs/contract/raw-events.md, field by field.

    @Test
    void contractExampleProcessStart() throws RawEventException {
        RawEvent raw = new RawEvent(1, "WS-0042", "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10", 17, 1795633627123456L,
                "Microsoft-Windows-Kernel-Process", null, 1, 3, null, 5120, 6000,
                map("ProcessID", 7312L, "ProcessSequenceNumber", 9981L, "CreateTime", 1795633627120001L,
                        "ParentProcessID", 5120L, "ParentProcessSequenceNumber", 9012L, "SessionID", 1L,
                        "ImageName", "\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe"),
                map("image", "C:\\Windows\\System32\\rundll32.exe",
                        "cmdline", "rundll32.exe C:\\Users\\a\\AppData\\Local\\Temp\\x.dll,Start"));

        EtwEvent expected = example(EventKind.PROCESS_START, 17, 1795633627123456L);
        expected.pid = 7312;
        expected.creatorPid = 5120;
        expected.entityId = "WS-0042:s9981";
        expected.parentEntityId = "WS-0042:s9012";
        expected.parentPid = 5120;
        expected.processSeq = 9981;
        expected.parentProcessSeq = 9012;
        expected.createTime = 1795633627120001L;
        expected.sessionId = 1;
        expected.image = "\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe";
        expected.executable = "C:\\Windows\\System32\\rundll32.exe";
        expected.commandLine = "rundll32.exe C:\\Users\\a\\AppData\\Local\\Temp\\x.dll,Start";
        assertThat(normalizer.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void contractExampleDnsAnswer() throws RawEventException {
        RawEvent raw = new RawEvent(1, "WS-0042", "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10", 18, 1795633628000000L,
                "Microsoft-Windows-DNS-Client", null, 3008, 0, null, 7312, 7400,
                map("QueryName", "cdn.evil.example", "QueryType", 1L, "QueryOptions", 0L, "QueryStatus", 0L,
                        "QueryResults", "::ffff:203.0.113.7;"),
                null);

        EtwEvent expected = example(EventKind.DNS_ANSWER, 18, 1795633628000000L);
        expected.pid = 7312;
        expected.queryName = "cdn.evil.example";
        expected.queryType = 1;
        expected.status = 0;
        expected.cnames = new String[0];
        expected.addresses = new String[] {"203.0.113.7"};
        assertThat(normalizer.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void contractExampleTcpConnect() throws RawEventException {
        RawEvent raw = new RawEvent(1, "WS-0042", "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10", 19, 1795633628051000L,
                "Microsoft-Windows-Kernel-Network", null, 12, 0, null, -1, -1,
                map("PID", 7312L, "size", 0L, "daddr", "203.0.113.7", "saddr", "10.0.0.42", "dport", 443L,
                        "sport", 50123L, "mss", 1460L, "sackopt", 1L, "tsopt", 0L, "wsopt", 1L, "rcvwin", 65535L,
                        "rcvwinscale", 8L, "sndwinscale", 8L, "seqnum", 0L, "connid", 4096L),
                null);

        EtwEvent expected = example(EventKind.TCP_CONNECT, 19, 1795633628051000L);
        expectConnection(expected, 0);
        assertThat(normalizer.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void contractExampleTcpSend() throws RawEventException {
        RawEvent raw = new RawEvent(1, "WS-0042", "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10", 20, 1795633628093000L,
                "Microsoft-Windows-Kernel-Network", null, 10, 0, null, -1, -1,
                map("PID", 7312L, "size", 517L, "daddr", "203.0.113.7", "saddr", "10.0.0.42", "dport", 443L,
                        "sport", 50123L, "startime", 0L, "endtime", 0L, "seqnum", 1L, "connid", 4096L),
                null);

        EtwEvent expected = example(EventKind.TCP_SEND, 20, 1795633628093000L);
        expectConnection(expected, 517);
        assertThat(normalizer.normalize(raw)).isEqualTo(expected);
    }

    private static EtwEvent example(EventKind kind, long seq, long ts) {
        EtwEvent event = new EtwEvent();
        event.kind = kind;
        event.host = "WS-0042";
        event.run = "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10";
        event.seq = seq;
        event.ts = ts;
        return event;
    }

    private static void expectConnection(EtwEvent expected, long size) {
        expected.pid = 7312;
        expected.size = size;
        expected.remoteIp = "203.0.113.7";
        expected.localIp = "10.0.0.42";
        expected.remotePort = 443;
        expected.localPort = 50123;
        expected.connId = 4096;
    }

    // Every event id and version of the contract.

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventVersion")
    void normalizesEveryEventVersion(String description, RawEvent raw, EtwEvent expected) throws RawEventException {
        assertThat(normalizer.normalize(raw)).isEqualTo(expected);
    }

    static Stream<Arguments> everyEventVersion() {
        List<Arguments> cases = new ArrayList<>();
        Map<String, Object> enrichment = map("image", DOS_IMAGE, "cmdline", COMMAND_LINE, "user", USER);

        List<Map<String, Object>> startsWithoutSequence = List.of(processStartV0(), processStartV1(), processStartV2());
        for (int ver = 0; ver < startsWithoutSequence.size(); ver++) {
            cases.add(arguments("Kernel-Process 1 v" + ver,
                    raw(KERNEL_PROCESS, 1, ver, 5120, startsWithoutSequence.get(ver)),
                    expected(EventKind.PROCESS_START, event -> {
                        expectStartedProcess(event);
                        event.creatorPid = 5120;
                        event.entityId = HOST + ":p7312:" + CREATE_TIME;
                        event.executable = NT_IMAGE;
                    })));
        }
        List<Map<String, Object>> startsWithSequence = List.of(processStartV3(), processStartV4(), processStartV5());
        for (int index = 0; index < startsWithSequence.size(); index++) {
            int ver = 3 + index;
            cases.add(arguments("Kernel-Process 1 v" + ver + " enriched",
                    withEnrichment(raw(KERNEL_PROCESS, 1, ver, 5120, startsWithSequence.get(index)), enrichment),
                    expected(EventKind.PROCESS_START, event -> {
                        expectStartedProcess(event);
                        expectSequenceNumbers(event);
                        expectEnrichment(event);
                        event.creatorPid = 5120;
                    })));
        }
        cases.add(arguments("Kernel-Process 15",
                withEnrichment(raw(KERNEL_PROCESS, 15, 1, 4, processRundown()), enrichment),
                expected(EventKind.PROCESS_RUNDOWN, event -> {
                    expectStartedProcess(event);
                    expectSequenceNumbers(event);
                    expectEnrichment(event);
                })));

        List<Map<String, Object>> stops = List.of(processStopV0(), processStopV1(), processStopV2());
        for (int ver = 0; ver < stops.size(); ver++) {
            boolean hasSequence = ver >= 2;
            cases.add(arguments("Kernel-Process 2 v" + ver,
                    withEnrichment(raw(KERNEL_PROCESS, 2, ver, 4, stops.get(ver)), map("image", DOS_IMAGE)),
                    expected(EventKind.PROCESS_STOP, event -> {
                        event.pid = 7312;
                        event.createTime = CREATE_TIME;
                        event.exitTime = CREATE_TIME + 5_000_000L;
                        event.exitCode = 3_221_225_477L;
                        event.image = "rundll32.exe";
                        event.executable = DOS_IMAGE;
                        event.processSeq = hasSequence ? 9981 : -1;
                        event.entityId = hasSequence ? HOST + ":s9981" : HOST + ":p7312:" + CREATE_TIME;
                    })));
        }
        for (int ver = 0; ver <= 1; ver++) {
            cases.add(arguments("Kernel-Process 3 v" + ver + " remote thread",
                    raw(KERNEL_PROCESS, 3, ver, 5120, threadStart()),
                    expected(EventKind.THREAD_START, event -> {
                        event.pid = 7312;
                        event.creatorPid = 5120;
                        event.threadId = 7400;
                    })));
        }

        cases.add(arguments("DNS-Client 3006", raw(DNS_CLIENT, 3006, 0, 7312, dnsQuery()),
                expected(EventKind.DNS_QUERY, event -> {
                    event.pid = 7312;
                    event.queryName = "cdn.evil.example";
                    event.queryType = 1;
                })));
        cases.add(arguments("DNS-Client 3008", raw(DNS_CLIENT, 3008, 0, 7312, dnsQueryCompleted(0, EXAMPLE_RESULTS)),
                exampleAnswer(7312)));
        cases.add(arguments("DNS-Client 3008 name does not exist",
                raw(DNS_CLIENT, 3008, 0, 7312, dnsQueryCompleted(9003, "")), failedAnswer(7312, 9003)));
        cases.add(arguments("DNS-Client 3018 v0", raw(DNS_CLIENT, 3018, 0, 7312, dnsCacheAnswer(0, EXAMPLE_RESULTS)),
                exampleAnswer(7312)));
        for (int ver = 1; ver <= 2; ver++) {
            cases.add(arguments("DNS-Client 3018 v" + ver + " with ClientPID",
                    raw(DNS_CLIENT, 3018, ver, 2240, extend(dnsCacheAnswer(0, EXAMPLE_RESULTS), "ClientPID", 7312L)),
                    exampleAnswer(7312)));
        }
        cases.add(arguments("DNS-Client 3020 v0",
                raw(DNS_CLIENT, 3020, 0, 7312, dnsNetworkAnswer(0, EXAMPLE_RESULTS)), exampleAnswer(7312)));
        for (int ver = 1; ver <= 2; ver++) {
            cases.add(arguments("DNS-Client 3020 v" + ver + " with ClientPID",
                    raw(DNS_CLIENT, 3020, ver, 2240, extend(dnsNetworkAnswer(0, EXAMPLE_RESULTS), "ClientPID", 7312L)),
                    exampleAnswer(7312)));
        }
        cases.add(arguments("DNS-Client 3020 timeout keeps no addresses",
                raw(DNS_CLIENT, 3020, 1, 2240, extend(dnsNetworkAnswer(1460, "198.51.44.6;"), "ClientPID", 7312L)),
                failedAnswer(7312, 1460)));

        addNetworkCases(cases, "IPv4", 0, "203.0.113.7", "10.0.0.42", "203.0.113.7", "10.0.0.42");
        addNetworkCases(cases, "IPv6", 16, "2001:0DB8:0:0:0:0:0:7", "fe80::1c2d:3e4f%12", "2001:db8::7", "fe80::1c2d:3e4f");
        addNetworkCases(cases, "IPv6 mapped IPv4", 16, "::ffff:203.0.113.7", "::ffff:a00:2a", "203.0.113.7", "10.0.0.42");

        cases.add(arguments("EtwCorrelation-Collector 1", raw(COLLECTOR, 1, 0, 900, heartbeat()),
                expected(EventKind.HEARTBEAT, event -> {
                    event.eventsLost = 3;
                    event.buffersLost = 1;
                    event.sent = 120_000;
                    event.spooled = 250;
                    event.dropped = 0;
                })));
        return cases.stream();
    }

    /** IPv4 ids, or their IPv6 twins {@code idOffset} 16 higher; connid as a number (IPv4) or string (IPv6). */
    private static void addNetworkCases(List<Arguments> cases, String family, int idOffset, String daddr, String saddr,
            String remoteIp, String localIp) {
        Object connid = idOffset == 0 ? (Object) 4096L : KERNEL_POINTER;
        long connId = idOffset == 0 ? 4096L : Long.parseUnsignedLong(KERNEL_POINTER);
        Object[][] table = {
            {10, EventKind.TCP_SEND, networkSend(daddr, saddr, 517), 517L},
            {11, EventKind.TCP_RECEIVE, network(daddr, saddr, 1380), 1380L},
            {12, EventKind.TCP_CONNECT, networkConnect(daddr, saddr), 0L},
            {13, EventKind.TCP_DISCONNECT, network(daddr, saddr, 0), 0L},
            {14, EventKind.TCP_RETRANSMIT, network(daddr, saddr, 517), 517L},
            {15, EventKind.TCP_ACCEPT, networkConnect(daddr, saddr), 0L},
            {16, EventKind.TCP_RECONNECT, network(daddr, saddr, 0), 0L},
            {42, EventKind.UDP_SEND, network(daddr, saddr, 64), 64L},
            {43, EventKind.UDP_RECEIVE, network(daddr, saddr, 128), 128L},
        };
        for (Object[] row : table) {
            int id = (int) row[0] + idOffset;
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) row[2];
            props.put("connid", connid);
            long size = (long) row[3];
            cases.add(arguments("Kernel-Network " + id + " " + family, raw(KERNEL_NETWORK, id, 0, -1, props),
                    expected((EventKind) row[1], event -> {
                        event.pid = 7312;
                        event.size = size;
                        event.remoteIp = remoteIp;
                        event.localIp = localIp;
                        event.remotePort = 443;
                        event.localPort = 50123;
                        event.connId = connId;
                    })));
        }
    }

    private static void expectStartedProcess(EtwEvent event) {
        event.pid = 7312;
        event.parentPid = 5120;
        event.createTime = CREATE_TIME;
        event.sessionId = 1;
        event.image = NT_IMAGE;
    }

    private static void expectSequenceNumbers(EtwEvent event) {
        event.processSeq = 9981;
        event.parentProcessSeq = 9012;
        event.entityId = HOST + ":s9981";
        event.parentEntityId = HOST + ":s9012";
    }

    private static void expectEnrichment(EtwEvent event) {
        event.executable = DOS_IMAGE;
        event.commandLine = COMMAND_LINE;
        event.user = USER;
    }

    private static EtwEvent exampleAnswer(long pid) {
        return expected(EventKind.DNS_ANSWER, event -> {
            event.pid = pid;
            event.queryName = "cdn.evil.example";
            event.queryType = 1;
            event.status = 0;
            event.cnames = new String[] {"edge.example-dns.com"};
            event.addresses = new String[] {"162.125.81.15", "198.51.44.6", "2620:4d:4000::1"};
        });
    }

    private static EtwEvent failedAnswer(long pid, long status) {
        return expected(EventKind.DNS_ANSWER, event -> {
            event.pid = pid;
            event.queryName = "cdn.evil.example";
            event.queryType = 1;
            event.status = status;
            event.cnames = new String[0];
            event.addresses = new String[0];
        });
    }

    // Provider matching and what is passed over.

    @Test
    void matchesProviderNameInAnyCase() throws RawEventException {
        RawEvent raw = raw("microsoft-windows-kernel-network", 12, 0, -1, networkConnect("203.0.113.7", "10.0.0.42"));

        assertThat(normalizer.normalize(raw).kind).isEqualTo(EventKind.TCP_CONNECT);
    }

    @Test
    void matchesProviderGuidWhateverTheName() throws RawEventException {
        RawEvent raw = new RawEvent(1, HOST, RUN, 1, 1, "Kernel-Network-Alias", KERNEL_NETWORK_GUID, 12, 0, null, -1, -1,
                networkConnect("203.0.113.7", "10.0.0.42"), null);

        assertThat(normalizer.normalize(raw).kind).isEqualTo(EventKind.TCP_CONNECT);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("uncorrelatedEvents")
    void passesOverWhatTheJobsDoNotCorrelate(String provider, int id) throws RawEventException {
        // Props the correlated events would reject: passed-over events are not checked.
        RawEvent raw = raw(provider, id, 0, 7312, map("ProcessID", "not a number", "daddr", List.of()));

        assertThat(normalizer.normalize(raw)).isEqualTo(expected(EventKind.PASSED_OVER, event -> {}));
    }

    static Stream<Arguments> uncorrelatedEvents() {
        return Stream.of(
                arguments(KERNEL_PROCESS, 4),
                arguments(KERNEL_PROCESS, 5),
                arguments(DNS_CLIENT, 3009),
                arguments(DNS_CLIENT, 3010),
                arguments(KERNEL_NETWORK, 17),
                arguments(KERNEL_NETWORK, 44),
                arguments(COLLECTOR, 3),
                arguments("Microsoft-Windows-Security-Auditing", 4688),
                arguments("Microsoft-Windows-Kernel-Processes", 1));
    }

    @Test
    void passesOverEventsWithoutProps() throws RawEventException {
        RawEvent raw = raw("Microsoft-Windows-PowerShell", 4104, 1, 7312, null);

        assertThat(normalizer.normalize(raw).kind).isEqualTo(EventKind.PASSED_OVER);
    }

    // Values the contract allows at their limits.

    @Test
    void readsUnsigned64BitSequenceNumbersWrittenAsDecimalStrings() throws RawEventException {
        RawEvent raw = raw(KERNEL_PROCESS, 1, 3, 5120,
                extend(processStartV3(), "ProcessSequenceNumber", "9223372036854775808"));

        EtwEvent event = normalizer.normalize(raw);

        assertThat(event.processSeq).isEqualTo(Long.MIN_VALUE);
        assertThat(event.entityId).isEqualTo(HOST + ":s9223372036854775808");
    }

    @Test
    void keepsCreateTimesBeforeTheEpoch() throws RawEventException {
        // FILETIME 0, as the Idle process has in a rundown, is 1601-01-01.
        long fileTimeZero = -11_644_473_600_000_000L;
        RawEvent raw = raw(KERNEL_PROCESS, 15, 1, 4,
                extend(processRundown(), "ProcessID", 0L, "ProcessSequenceNumber", null, "CreateTime", fileTimeZero));

        EtwEvent event = normalizer.normalize(raw);

        assertThat(event.entityId).isEqualTo(HOST + ":p0:" + fileTimeZero);
    }

    /** The envelope's pkey is the start key of the process that logged the event: the creator, for a ProcessStart. */
    @Test
    void keepsTheCreatorsStartKeyOfAProcessStartOnly() throws RawEventException {
        RawEvent start = raw(KERNEL_PROCESS, 1, 2, 5120, processStartV2());
        RawEvent keyed = new RawEvent(start.v(), start.host(), start.run(), start.seq(), start.ts(), start.provider(),
                start.guid(), start.id(), start.ver(), start.opcode(), start.pid(), start.tid(), start.props(), start.x(),
                844_424_930_132_017L);
        RawEvent rundown = new RawEvent(1, HOST, RUN, start.seq(), start.ts(), KERNEL_PROCESS, null, 15, 0, null, 4, -1,
                processStartV2(), null, 562_949_953_421_316L);

        assertThat(normalizer.normalize(keyed).creatorStartKey).isEqualTo(844_424_930_132_017L);
        assertThat(normalizer.normalize(start).creatorStartKey).isEqualTo(-1);
        assertThat(normalizer.normalize(rundown).creatorStartKey).as("a rundown is not logged by the parent").isEqualTo(-1);
    }

    @Test
    void usesTheEnvelopePidForDnsWithoutClientPid() throws RawEventException {
        RawEvent raw = raw(DNS_CLIENT, 3018, 0, 2240, dnsCacheAnswer(0, "1.2.3.4;"));

        assertThat(normalizer.normalize(raw).pid).isEqualTo(2240);
    }

    @Test
    void truncatesLongTextWithAMarker() throws RawEventException {
        String longImage = "\\Device\\" + "x".repeat(5000);
        String longName = "a".repeat(300) + ".example.";
        RawEvent process = withEnrichment(raw(KERNEL_PROCESS, 1, 3, 5120, extend(processStartV3(), "ImageName", longImage)),
                map("cmdline", "c".repeat(70_000), "user", "u".repeat(2000)));
        RawEvent dns = raw(DNS_CLIENT, 3006, 0, 7312, extend(dnsQuery(), "QueryName", longName));

        EtwEvent processEvent = normalizer.normalize(process);
        EtwEvent dnsEvent = normalizer.normalize(dns);

        assertThat(processEvent.image).hasSize(1024).isEqualTo(longImage.substring(0, 1023) + "\u2026");
        assertThat(processEvent.executable).isSameAs(processEvent.image);
        assertThat(processEvent.commandLine).hasSize(1024).endsWith("c\u2026");
        assertThat(processEvent.user).hasSize(1024).endsWith("u\u2026");
        assertThat(dnsEvent.queryName).isEqualTo("a".repeat(254) + "\u2026");
    }

    @Test
    void toleratesAbsentOptionalPropsAndEnrichment() throws RawEventException {
        Map<String, Object> start = map("ProcessID", 7312L, "CreateTime", CREATE_TIME, "ParentProcessID", 5120L);
        Map<String, Object> stop = map("ProcessID", 7312L, "CreateTime", CREATE_TIME);
        Map<String, Object> answer = map("QueryName", "a.example", "QueryType", 28L, "Status", 0L);
        Map<String, Object> receive = map("PID", 7312L, "size", 10L, "daddr", "::1", "saddr", "::1", "dport", 53L,
                "sport", 5353L);

        assertThat(normalizer.normalize(raw(KERNEL_PROCESS, 1, 0, 5120, start)))
                .isEqualTo(expected(EventKind.PROCESS_START, event -> {
                    event.pid = 7312;
                    event.creatorPid = 5120;
                    event.parentPid = 5120;
                    event.createTime = CREATE_TIME;
                    event.entityId = HOST + ":p7312:" + CREATE_TIME;
                }));
        assertThat(normalizer.normalize(raw(KERNEL_PROCESS, 2, 0, 4, stop)).entityId)
                .isEqualTo(HOST + ":p7312:" + CREATE_TIME);
        assertThat(normalizer.normalize(raw(DNS_CLIENT, 3020, 0, 7312, answer)))
                .isEqualTo(expected(EventKind.DNS_ANSWER, event -> {
                    event.pid = 7312;
                    event.queryName = "a.example";
                    event.queryType = 28;
                    event.status = 0;
                    event.cnames = new String[0];
                    event.addresses = new String[0];
                }));
        assertThat(normalizer.normalize(raw(KERNEL_NETWORK, 59, 0, -1, receive)).connId).isEqualTo(-1L);
    }
}
