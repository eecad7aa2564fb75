package io.etwcorr.jobs.network;

import io.etwcorr.jobs.model.TestEvents;

import static io.etwcorr.jobs.model.TestEvents.LOCAL_IP;
import static io.etwcorr.jobs.model.TestEvents.SECOND;
import static io.etwcorr.jobs.model.TestEvents.T0;
import static io.etwcorr.jobs.model.TestEvents.dnsAnswer;
import static io.etwcorr.jobs.model.TestEvents.network;
import static io.etwcorr.jobs.model.TestEvents.processRundown;
import static io.etwcorr.jobs.model.TestEvents.processStart;
import static io.etwcorr.jobs.model.TestEvents.processStop;
import static io.etwcorr.schemas.out.EcsTime.format;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.jobs.normalize.EventNormalizer;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessNetworkCorrelatorTest {

    private static final String HOST = "WS-0042";
    private static final long PID = 7312;
    private static final String RUNDLL = "C:\\Windows\\System32\\rundll32.exe";
    private static final String C2 = "203.0.113.7";
    private static final String DOMAIN = "cdn.evil.example";

    private KeyedOneInputStreamOperatorTestHarness<String, EtwEvent, OutputRecord> harness;
    private long seq;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new ProcessNetworkCorrelator(TestEvents.defaults()), event -> event.host, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(EtwEvent... events) throws Exception {
        for (EtwEvent event : events) {
            harness.processElement(event, event.ts);
        }
    }

    private void tick(long pid, long watermark) throws Exception {
        send(EtwEvent.tick(HOST, pid, watermark));
    }

    private List<JsonNode> connections() {
        return TestEvents.jsonOf(harness.extractOutputValues());
    }

    private List<JsonNode> flows() {
        Queue<StreamRecord<OutputRecord>> side = harness.getSideOutput(ProcessNetworkCorrelator.FLOWS);
        return side == null ? List.of() : TestEvents.json(side);
    }

    private EtwEvent start(long pid, long processSeq, String executable, long ts) {
        return processStart(HOST, seq++, ts, pid, processSeq, executable);
    }

    private EtwEvent answer(long pid, long ts, String name, String... addresses) {
        return dnsAnswer(HOST, seq++, ts, pid, name, addresses);
    }

    private EtwEvent net(EventKind kind, long pid, long ts, String remote, int port, long size, long connId) {
        return network(kind, HOST, seq++, ts, pid, remote, port, size, connId);
    }

    @Test
    void aDnsAnswerJoinsTheConnectionThatFollowsIt() throws Exception {
        send(start(PID, 9981, RUNDLL, T0),
                answer(PID, T0 + SECOND, DOMAIN, C2),
                net(EventKind.TCP_CONNECT, PID, T0 + SECOND + 51_000, C2, 443, 0, 4096));

        JsonNode connection = connections().get(0);
        assertThat(connections()).hasSize(1);
        assertThat(connection.get("@timestamp").asText()).isEqualTo(format(T0 + SECOND + 51_000));
        assertThat(connection.at("/host/name").asText()).isEqualTo(HOST);
        assertThat(connection.at("/process/pid").asLong()).isEqualTo(PID);
        assertThat(connection.at("/process/entity_id").asText()).isEqualTo("WS-0042:s9981");
        assertThat(connection.at("/process/name").asText()).isEqualTo("rundll32.exe");
        assertThat(connection.at("/process/executable").asText()).isEqualTo(RUNDLL);
        assertThat(connection.at("/network/direction").asText()).isEqualTo("outbound");
        assertThat(connection.at("/network/transport").asText()).isEqualTo("tcp");
        assertThat(connection.at("/source/ip").asText()).isEqualTo(LOCAL_IP);
        assertThat(connection.at("/source/port").asInt()).isEqualTo(50123);
        assertThat(connection.at("/destination/ip").asText()).isEqualTo(C2);
        assertThat(connection.at("/destination/port").asInt()).isEqualTo(443);
        assertThat(connection.at("/destination/domain").asText()).isEqualTo(DOMAIN);
        assertThat(connection.at("/dns/question/name").asText()).isEqualTo(DOMAIN);
        assertThat(connection.at("/dns/resolved_at").asText()).isEqualTo(format(T0 + SECOND));
    }

    /**
     * Windows 10 logs DNS-Client version 0: a cache answer (3018, also 3020) has no ClientPID, so it is
     * the DNS cache service's that logged it (envelope pid), and names no connection of the process
     * that asked; that process's own 3008, logged in its context, does (etw-layouts.md).
     */
    @Test
    void onWindows10ACacheAnswerBelongsToTheDnsCacheServiceAndTheRequestersOwnAnswerJoins() throws Exception {
        long dnsCache = 2240;
        EventNormalizer normalizer = new EventNormalizer();
        EtwEvent cacheAnswer = normalizer.normalize(new RawEvent(1, HOST, "run", seq++, T0 + SECOND,
                "Microsoft-Windows-DNS-Client", null, 3018, 0, null, (int) dnsCache, -1, Map.of("QueryName", DOMAIN,
                        "QueryType", 1L, "QueryOptions", 0L, "Status", 0L, "QueryResults", "::ffff:" + C2 + ";"), null));
        EtwEvent ownAnswer = normalizer.normalize(new RawEvent(1, HOST, "run", seq++, T0 + 3 * SECOND,
                "Microsoft-Windows-DNS-Client", null, 3008, 0, null, (int) PID, -1, Map.of("QueryName", DOMAIN,
                        "QueryType", 1L, "QueryOptions", 0L, "QueryStatus", 0L, "QueryResults", "::ffff:" + C2 + ";"), null));
        assertThat(cacheAnswer.pid).isEqualTo(dnsCache);

        send(start(PID, 9981, RUNDLL, T0), cacheAnswer,
                net(EventKind.TCP_CONNECT, PID, T0 + 2 * SECOND, C2, 443, 0, 4096),
                ownAnswer,
                net(EventKind.TCP_CONNECT, PID, T0 + 4 * SECOND, C2, 443, 0, 4097));

        assertThat(connections()).hasSize(2);
        assertThat(connections().get(0).at("/destination/domain").isMissingNode()).as("after the cache answer only").isTrue();
        assertThat(connections().get(1).at("/destination/domain").asText()).isEqualTo(DOMAIN);
    }

    @Test
    void anAnswerJoinsUntilItsTtlAndATickThenForgetsIt() throws Exception {
        long ttl = 600 * SECOND;
        send(start(PID, 9981, RUNDLL, T0), answer(PID, T0, DOMAIN, C2),
                net(EventKind.TCP_CONNECT, PID, T0 + ttl, C2, 443, 0, 1),
                net(EventKind.TCP_CONNECT, PID, T0 + ttl + 1, C2, 443, 0, 2));

        assertThat(connections()).extracting(c -> c.at("/dns/question/name").asText(null))
                .containsExactly(DOMAIN, null);
        int withAnswer = harness.numKeyedStateEntries();

        tick(PID, T0 + ttl + 1);
        assertThat(harness.numKeyedStateEntries()).as("the answer is gone").isEqualTo(withAnswer - 1);
    }

    @Test
    void anInboundAcceptIsAConnectionFromTheRemoteEndpointWithoutDns() throws Exception {
        send(start(PID, 9981, RUNDLL, T0), answer(PID, T0, DOMAIN, C2),
                net(EventKind.TCP_ACCEPT, PID, T0 + SECOND, C2, 49999, 0, 4096));

        JsonNode connection = connections().get(0);
        assertThat(connection.at("/network/direction").asText()).isEqualTo("inbound");
        assertThat(connection.at("/source/ip").asText()).isEqualTo(C2);
        assertThat(connection.at("/source/port").asInt()).isEqualTo(49999);
        assertThat(connection.at("/destination/ip").asText()).isEqualTo(LOCAL_IP);
        assertThat(connection.at("/destination/port").asInt()).isEqualTo(50123);
        assertThat(connection.has("dns")).isFalse();
    }

    @Test
    void theFirstSendOfAConnectionWhoseConnectWasNotSeenAnnouncesItOnce() throws Exception {
        send(start(PID, 9981, RUNDLL, T0), answer(PID, T0, DOMAIN, C2),
                net(EventKind.TCP_SEND, PID, T0 + SECOND, C2, 443, 517, 4096),
                net(EventKind.TCP_RECEIVE, PID, T0 + 2 * SECOND, C2, 443, 190, 4096),
                net(EventKind.TCP_SEND, PID, T0 + 3 * SECOND, C2, 443, 100, 4096));

        assertThat(connections()).hasSize(1);
        assertThat(connections().get(0).get("@timestamp").asText()).isEqualTo(format(T0 + SECOND));
        assertThat(connections().get(0).at("/dns/question/name").asText()).isEqualTo(DOMAIN);
    }

    @Test
    void ticksCloseTheBucketsTheyPassed() throws Exception {
        send(start(PID, 9981, RUNDLL, T0), answer(PID, T0, DOMAIN, C2),
                net(EventKind.TCP_CONNECT, PID, T0 + SECOND, C2, 443, 0, 4096),
                net(EventKind.TCP_SEND, PID, T0 + 2 * SECOND, C2, 443, 517, 4096),
                net(EventKind.TCP_RECEIVE, PID, T0 + 3 * SECOND, C2, 443, 190, 4096),
                net(EventKind.TCP_SEND, PID, T0 + 59 * SECOND, C2, 443, 300, 4096),
                net(EventKind.TCP_SEND, PID, T0 + 61 * SECOND, C2, 443, 42, 4096));

        tick(PID, T0 + 60 * SECOND - 1);
        assertThat(flows()).isEmpty();

        tick(PID, T0 + 60 * SECOND);
        assertThat(flows()).hasSize(1);
        JsonNode flow = flows().get(0);
        assertThat(flow.get("@timestamp").asText()).isEqualTo(format(T0));
        assertThat(flow.at("/bucket/end").asText()).isEqualTo(format(T0 + 60 * SECOND));
        assertThat(flow.at("/bucket/size_s").asLong()).isEqualTo(60);
        assertThat(flow.at("/host/name").asText()).isEqualTo(HOST);
        assertThat(flow.at("/process/entity_id").asText()).isEqualTo("WS-0042:s9981");
        assertThat(flow.at("/process/name").asText()).isEqualTo("rundll32.exe");
        assertThat(flow.at("/network/transport").asText()).isEqualTo("tcp");
        assertThat(flow.at("/source/ip").asText()).isEqualTo(LOCAL_IP);
        assertThat(flow.at("/source/bytes").asLong()).isEqualTo(817);
        assertThat(flow.at("/source/packets").asLong()).isEqualTo(2);
        assertThat(flow.at("/destination/ip").asText()).isEqualTo(C2);
        assertThat(flow.at("/destination/port").asInt()).isEqualTo(443);
        assertThat(flow.at("/destination/domain").asText()).isEqualTo(DOMAIN);
        assertThat(flow.at("/destination/bytes").asLong()).isEqualTo(190);
        assertThat(flow.at("/destination/packets").asLong()).isEqualTo(1);

        tick(PID, T0 + 120 * SECOND);
        assertThat(flows()).hasSize(2);
        assertThat(flows().get(1).at("/source/bytes").asLong()).isEqualTo(42);
    }

    @Test
    void dnsDatagramsAreAFlowButNoConnection() throws Exception {
        send(start(PID, 9981, RUNDLL, T0),
                net(EventKind.UDP_SEND, PID, T0 + SECOND, "192.0.2.53", 53, 40, 0),
                net(EventKind.UDP_SEND, PID, T0 + SECOND, "239.255.255.250", 1900, 40, 0),
                net(EventKind.UDP_RECEIVE, PID, T0 + 2 * SECOND, "192.0.2.53", 53, 120, 0));
        tick(PID, Long.MAX_VALUE);

        assertThat(connections()).isEmpty();
        assertThat(callbacks()).isEmpty();
        assertThat(flows()).hasSize(2);
        assertThat(flows().get(0).at("/network/transport").asText()).isEqualTo("udp");
        assertThat(flows().get(0).at("/source/bytes").asLong()).isEqualTo(40);
        assertThat(flows().get(0).at("/destination/bytes").asLong()).isEqualTo(120);
    }

    @Test
    void aLookupFollowedByUdpIsAUdpConnectionJoinedWithDnsAndNoDnsOnlyCallback() throws Exception {
        String ntp = "198.51.100.123";
        send(start(PID, 9981, RUNDLL, T0),
                answer(PID, T0, "time.windows.com", ntp),
                net(EventKind.UDP_SEND, PID, T0 + SECOND, ntp, 123, 48, 0),
                net(EventKind.UDP_SEND, PID, T0 + 30 * SECOND, ntp, 123, 48, 0),
                answer(PID, T0 + 900 * SECOND, "time.windows.com", ntp),
                net(EventKind.UDP_SEND, PID, T0 + 901 * SECOND, ntp, 123, 48, 0));
        tick(PID, Long.MAX_VALUE);

        assertThat(connections()).as("a new UDP connection after 60 s of silence, not after 29 s")
                .extracting(c -> c.at("/@timestamp").asText()).containsExactly(format(T0 + SECOND), format(T0 + 901 * SECOND));
        JsonNode first = connections().get(0);
        assertThat(first.at("/network/transport").asText()).isEqualTo("udp");
        assertThat(first.at("/network/direction").asText()).isEqualTo("outbound");
        assertThat(first.at("/destination/port").asInt()).isEqualTo(123);
        assertThat(first.at("/dns/question/name").asText()).isEqualTo("time.windows.com");
        assertThat(callbacks()).extracting(c -> c.destination).containsOnly("time.windows.com");
        assertThat(callbacks()).extracting(c -> c.ip).doesNotContainNull();
        assertThat(callbacks()).extracting(c -> c.ts)
                .containsExactly(T0 + SECOND, T0 + 30 * SECOND, T0 + 901 * SECOND);
    }

    @Test
    void aFailedLookupFollowedBySuccessfulOneOfTheSameNameIsOneCallback() throws Exception {
        String v6 = "2001:db8::c2";
        send(start(PID, 9981, RUNDLL, T0),
                answer(PID, T0, DOMAIN),
                answer(PID, T0 + 200_000, DOMAIN, v6),
                net(EventKind.TCP_CONNECT, PID, T0 + SECOND, v6, 443, 0, 9),
                net(EventKind.TCP_SEND, PID, T0 + SECOND, v6, 443, 300, 9),
                answer(PID, T0 + 100 * SECOND, "other.example"));
        tick(PID, Long.MAX_VALUE);

        assertThat(callbacks()).extracting(c -> c.destination).as("a lone failed lookup is still a callback")
                .containsExactlyInAnyOrder(DOMAIN, "other.example");
        assertThat(callbacks()).filteredOn(c -> c.destination.equals(DOMAIN)).singleElement()
                .satisfies(c -> assertThat(c.ip).isEqualTo(v6));
    }

    private List<Callback> callbacks() {
        Queue<StreamRecord<Callback>> side = harness.getSideOutput(ProcessNetworkCorrelator.CALLBACKS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void ipv6TrafficIsJoinedAndCountedLikeIpv4() throws Exception {
        String remote = "2001:db8::7";
        send(start(PID, 9981, RUNDLL, T0), answer(PID, T0, "v6.example", remote),
                net(EventKind.TCP_CONNECT, PID, T0 + SECOND, remote, 443, 0, 8),
                net(EventKind.TCP_SEND, PID, T0 + 2 * SECOND, remote, 443, 10, 8));
        tick(PID, Long.MAX_VALUE);

        assertThat(connections().get(0).at("/destination/ip").asText()).isEqualTo(remote);
        assertThat(connections().get(0).at("/source/ip").asText()).isEqualTo("fd00::42");
        assertThat(connections().get(0).at("/dns/question/name").asText()).isEqualTo("v6.example");
        assertThat(flows().get(0).at("/destination/domain").asText()).isEqualTo("v6.example");
    }

    @Test
    void aStoppedProcessLeavesNoStateOnceItsBucketsClosed() throws Exception {
        send(start(PID, 9981, RUNDLL, T0), answer(PID, T0, DOMAIN, C2),
                net(EventKind.TCP_CONNECT, PID, T0 + SECOND, C2, 443, 0, 4096),
                net(EventKind.TCP_SEND, PID, T0 + 2 * SECOND, C2, 443, 517, 4096),
                processStop(HOST, seq++, T0 + 30 * SECOND, PID, 9981));

        tick(PID, T0 + 30 * SECOND);
        assertThat(harness.numKeyedStateEntries()).as("its bucket is still open").isPositive();

        tick(PID, T0 + 60 * SECOND);
        assertThat(flows()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anotherProcessWithTheSamePidClosesTheOldOnesBucketsAndForgetsItsAnswers() throws Exception {
        String shared = "198.51.100.1";
        send(start(PID, 100, "C:\\a.exe", T0), answer(PID, T0 + SECOND, "a.example", shared),
                net(EventKind.TCP_CONNECT, PID, T0 + 2 * SECOND, shared, 443, 0, 1),
                net(EventKind.TCP_SEND, PID, T0 + 3 * SECOND, shared, 443, 11, 1));

        send(start(PID, 200, "C:\\b.exe", T0 + 10 * SECOND));
        assertThat(flows()).as("flushed at once, under the old process").hasSize(1);
        assertThat(flows().get(0).at("/process/entity_id").asText()).isEqualTo("WS-0042:s100");
        assertThat(flows().get(0).at("/process/name").asText()).isEqualTo("a.exe");
        assertThat(flows().get(0).at("/source/bytes").asLong()).isEqualTo(11);

        send(net(EventKind.TCP_CONNECT, PID, T0 + 11 * SECOND, shared, 443, 0, 1),
                net(EventKind.TCP_SEND, PID, T0 + 12 * SECOND, shared, 443, 22, 1));
        tick(PID, Long.MAX_VALUE);

        assertThat(connections()).extracting(c -> c.at("/process/entity_id").asText())
                .containsExactly("WS-0042:s100", "WS-0042:s200");
        assertThat(connections().get(1).has("dns")).as("b never resolved it").isFalse();
        JsonNode second = flows().get(1);
        assertThat(second.at("/process/entity_id").asText()).isEqualTo("WS-0042:s200");
        assertThat(second.at("/process/name").asText()).isEqualTo("b.exe");
        assertThat(second.at("/source/bytes").asLong()).isEqualTo(22);
        assertThat(second.at("/destination/domain").isMissingNode()).isTrue();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aRundownOfTheKnownProcessChangesNothing() throws Exception {
        send(start(PID, 9981, RUNDLL, T0), net(EventKind.TCP_SEND, PID, T0 + SECOND, C2, 443, 5, 1),
                processRundown(HOST, seq++, T0 + 2 * SECOND, PID, 9981, RUNDLL));

        assertThat(flows()).isEmpty();
    }

    @Test
    void aProcessKnownOnlyByItsRundownIsNamed() throws Exception {
        send(processRundown(HOST, seq++, T0, PID, 4242, "C:\\Program Files\\app\\agent.exe"),
                net(EventKind.TCP_CONNECT, PID, T0 + SECOND, C2, 443, 0, 1));

        assertThat(connections().get(0).at("/process/entity_id").asText()).isEqualTo("WS-0042:s4242");
        assertThat(connections().get(0).at("/process/name").asText()).isEqualTo("agent.exe");
    }

    @Test
    void aProcessWhoseStartWasNotSeenGetsAStandInIdentity() throws Exception {
        send(net(EventKind.TCP_CONNECT, PID, T0 + SECOND, C2, 443, 0, 1));

        JsonNode process = connections().get(0).get("process");
        assertThat(process.get("entity_id").asText()).isEqualTo("WS-0042:p7312:-1");
        assertThat(process.has("name")).isFalse();
    }

    @Test
    void aProcessWhoseStartWasNotSeenIsNamedByItsEventWhenTheEventNamesIt() throws Exception {
        EtwEvent connect = net(EventKind.TCP_CONNECT, PID, T0 + SECOND, C2, 443, 0, 1);
        connect.entityId = "WS-0042:g5770385f-c22a-43e0-bf4c-06f5698ffbd9"; // Sysmon's ProcessGuid
        connect.executable = "C:\\Windows\\System32\\notepad.exe";
        send(connect);

        JsonNode process = connections().get(0).get("process");
        assertThat(process.get("entity_id").asText()).isEqualTo("WS-0042:g5770385f-c22a-43e0-bf4c-06f5698ffbd9");
        assertThat(process.get("name").asText()).isEqualTo("notepad.exe");
    }

    @Test
    void theEndOfInputClosesEveryBucketOfEveryProcessAndLeavesNoState() throws Exception {
        send(start(PID, 9981, RUNDLL, T0), answer(PID, T0, DOMAIN, C2),
                net(EventKind.TCP_SEND, PID, T0 + SECOND, C2, 443, 1, 1),
                net(EventKind.TCP_SEND, PID, T0 + 70 * SECOND, C2, 443, 2, 1),
                net(EventKind.UDP_SEND, PID + 4, T0 + 80 * SECOND, "192.0.2.53", 53, 3, 0));

        tick(PID, Long.MAX_VALUE);
        tick(PID + 4, Long.MAX_VALUE);

        assertThat(flows()).extracting(flow -> flow.at("/source/bytes").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
