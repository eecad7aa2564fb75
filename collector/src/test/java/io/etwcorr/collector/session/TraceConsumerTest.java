package io.etwcorr.collector.session;

import io.etwcorr.testkit.etw.EtwEventFixture;
import io.etwcorr.testkit.etw.EtwEventFixtures;
import io.etwcorr.testkit.etw.ExtendedDataItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.etwcorr.collector.delivery.DeliveryStats;
import io.etwcorr.collector.delivery.EventSink;
import io.etwcorr.collector.enrich.Enrichment;
import io.etwcorr.collector.etw.RawRecordJson;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceConsumerTest {
    private static final String HOST = "WS-0042";
    private static final int PID = 7312;
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final List<String> PROVIDERS = List.of("Microsoft-Windows-Kernel-Process", "Microsoft-Windows-DNS-Client",
            "Microsoft-Windows-Kernel-Network");

    private final MutableClock clock = new MutableClock(START);
    private TraceConsumer consumer;

    @AfterEach
    void closeConsumer() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @Test
    void deliversDecodedRecordsAndHeartbeatsUnderOneRunWithGaplessSeq() throws Exception {
        List<EtwEventFixture> fixtures = EtwEventFixtures.oneOfEach(PID);
        FakeEtwApi api = new FakeEtwApi(fixtures);
        api.reportLosses(new SessionLosses(3, 1));
        ListEventSink sink = ListEventSink.open();
        consumer = start(api, sink, EventFilter.builder().build(), 1024);

        Await.until("all events", () -> sink.events().size() == fixtures.size());
        clock.advance(HEARTBEAT.minusSeconds(1));
        Thread.sleep(200);
        assertThat(sink.heartbeats()).as("no heartbeat before the interval").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Await.until("a heartbeat", () -> sink.heartbeats().size() == 1);
        consumer.close();

        List<RawEvent> records = sink.records();
        assertThat(records).hasSize(fixtures.size() + 2);
        assertThat(records).extracting(RawEvent::seq).containsExactlyElementsOf(seqs(records.size()));
        assertThat(records).allSatisfy(record -> {
            assertThat(record.run()).isEqualTo(consumer.run());
            assertThat(record.host()).isEqualTo(HOST);
            assertValidRawRecord(record);
        });
        List<RawEvent> events = sink.events();
        for (int i = 0; i < fixtures.size(); i++) {
            EtwEventFixture fixture = fixtures.get(i);
            RawEvent event = events.get(i);
            assertThat(event.provider()).isEqualTo(fixture.providerName());
            assertThat(event.guid()).isEqualTo(fixture.provider().toString());
            assertThat(event.id()).isEqualTo(fixture.id());
            assertThat(event.ver()).isEqualTo(fixture.version());
            assertThat(event.ts()).isEqualTo(fixture.tsMicros());
            assertThat(event.pid()).isEqualTo(fixture.pid());
            assertThat(event.props()).containsExactlyEntriesOf(fixture.expectedProps());
        }
        RawEvent heartbeat = sink.heartbeats().get(0);
        assertThat(heartbeat.seq()).isEqualTo(fixtures.size());
        assertThat(heartbeat.ts()).isEqualTo(micros(START.plus(HEARTBEAT)));
        assertThat(heartbeat.id()).isEqualTo(CollectorHeartbeat.ID);
        assertThat(heartbeat.ver()).isZero();
        assertThat(heartbeat.props()).containsEntry("eventsLost", 3L).containsEntry("buffersLost", 1L)
                .containsEntry("sent", (long) fixtures.size()).containsEntry("spooled", 0L).containsEntry("dropped", 0L)
                .containsEntry("providers", PROVIDERS);
        assertThat(sink.isClosed()).isTrue();
        assertThat(api.deliveryThread()).isEqualTo("etw-process-trace");
        assertThat(consumer.stats()).isEqualTo(new ConsumerStats(records.size(), 0, 0, 0, 0, 0));
    }

    /** The fake session hands the callback a ProcessStart with a PROCESS_START_KEY item; the record sent carries it. */
    @Test
    void sendsTheProcessStartKeyOfTheExtendedDataInTheEnvelope() throws Exception {
        List<EtwEventFixture> fixtures = List.of(
                EtwEventFixtures.processStartV3(5120, PID).withExtendedData(ExtendedDataItem.processStartKey(844_424_930_132_017L)),
                EtwEventFixtures.connectV4(PID, 4096));
        ListEventSink sink = ListEventSink.open();
        consumer = start(new FakeEtwApi(fixtures), sink, EventFilter.builder().build(), 1024);

        Await.until("both events", () -> sink.events().size() == 2);
        consumer.close();

        List<RawEvent> events = sink.events();
        assertThat(events).extracting(RawEvent::pkey).containsExactly(844_424_930_132_017L, null);
        String json = new String(RawRecordJson.encode(events.get(0)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"tid\":" + events.get(0).tid() + ",\"pkey\":844424930132017,\"props\":");
        assertThat(RawEventCodec.decode(json)).isEqualTo(events.get(0));
        events.forEach(TraceConsumerTest::assertValidRawRecord);
    }

    @Test
    void dropsAndCountsWhenTheSinkBlocksWithoutEverBlockingTheEtwCallback() throws Exception {
        int capacity = 16;
        int eventCount = 2000;
        List<EtwEventFixture> fixtures = new ArrayList<>();
        for (int i = 0; i < eventCount; i++) {
            fixtures.add(EtwEventFixtures.sendV4(PID, i, EtwEventFixtures.TS_MICROS + i));
        }
        FakeEtwApi api = new FakeEtwApi(fixtures);
        ListEventSink sink = ListEventSink.blocked();
        consumer = start(api, sink, EventFilter.builder().build(), capacity);

        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(api.allDelivered.await(10, TimeUnit.SECONDS)).as("the callback loop ends while the sink is blocked").isTrue();
        assertThat(api.deliveryNanos()).isLessThan(Duration.ofSeconds(3).toNanos());
        // The queue holds its capacity and the blocked sender one event, the rest is dropped. Whether
        // the sender took its first event before the callbacks first filled the queue decides whether
        // one more event got in: the callbacks can outrun the sender's first poll.
        long drops = consumer.stats().queueDrops();
        assertThat(drops).isBetween((long) eventCount - capacity - 1, (long) eventCount - capacity);
        long kept = eventCount - drops;

        sink.unblock();
        Await.until("the queued events", () -> sink.events().size() == kept);
        clock.advance(HEARTBEAT);
        Await.until("a heartbeat", () -> !sink.heartbeats().isEmpty());
        consumer.close();

        assertThat(sink.events()).hasSize((int) kept);
        assertThat(sink.heartbeats().get(0).props()).containsEntry("dropped", drops);
        // The first events fill the queue in order; which later one takes the slot the sender frees
        // depends on when the sender took its first event, so only its place in the order is certain.
        List<Long> connids = sink.events().stream().map(e -> e.propLong("connid")).toList();
        assertThat(connids.subList(0, capacity)).containsExactlyElementsOf(LongStream.range(0, capacity).boxed().toList());
        if (kept > capacity) {
            assertThat(connids.get(capacity)).isGreaterThanOrEqualTo((long) capacity);
        }
        assertThat(sink.records()).extracting(RawEvent::seq).containsExactlyElementsOf(seqs(sink.records().size()));
    }

    @Test
    void filtersLocalhostLookupsAndTheCollectorsOwnEventsByDefault() {
        int ownPid = (int) ProcessHandle.current().pid();
        List<EtwEventFixture> fixtures = List.of(
                EtwEventFixtures.dnsQueryCompleted(PID, "localhost", "127.0.0.1;"),
                EtwEventFixtures.connectV4(ownPid, 1),
                EtwEventFixtures.dnsQueryCompleted(PID, "cdn.evil.example", "203.0.113.7;"),
                EtwEventFixtures.connectV4(PID, 2));
        FakeEtwApi api = new FakeEtwApi(fixtures);
        ListEventSink sink = ListEventSink.open();
        consumer = start(api, sink, EventFilter.forThisProcess(), 64);

        Await.until("the delivery", () -> api.allDelivered.getCount() == 0);
        consumer.close();

        assertThat(sink.events()).extracting(e -> e.propString("QueryName"), e -> e.propLong("connid"))
                .containsExactly(tuple("cdn.evil.example", null),
                        tuple(null, 2L));
        assertThat(consumer.stats().filtered()).isEqualTo(2);
        assertThat(sink.records()).extracting(RawEvent::seq).containsExactly(0L, 1L, 2L);
    }

    @Test
    void countsMalformedAndUndecodedRecordsAndKeepsGoing() {
        List<EtwEventFixture> fixtures = List.of(
                EtwEventFixtures.processStartV3(5120, PID).truncatedTo(20),
                EtwEventFixtures.unknownDnsEvent(),
                EtwEventFixtures.connectV4(PID, 7));
        FakeEtwApi api = new FakeEtwApi(fixtures);
        ListEventSink sink = ListEventSink.open();
        consumer = start(api, sink, EventFilter.builder().build(), 64);

        Await.until("the delivery", () -> api.allDelivered.getCount() == 0);
        consumer.close();

        assertThat(sink.events()).extracting(RawEvent::id, RawEvent::seq)
                .containsExactly(tuple(12, 0L));
        assertThat(consumer.stats().malformed()).isEqualTo(1);
        assertThat(consumer.stats().undecoded()).isEqualTo(1);
    }

    @Test
    void closesTheTraceDrainsTheQueueAndEndsWithAHeartbeat() {
        FakeEtwApi api = new FakeEtwApi(EtwEventFixtures.oneOfEach(PID));
        ListEventSink sink = ListEventSink.open();
        consumer = start(api, sink, EventFilter.builder().build(), 64);
        Await.until("the delivery", () -> api.allDelivered.getCount() == 0);

        consumer.close();
        consumer.close();

        assertThat(api.count("close")).isEqualTo(1);
        assertThat(sink.events()).hasSize(8);
        List<RawEvent> records = sink.records();
        assertThat(records.get(records.size() - 1).provider()).isEqualTo(CollectorHeartbeat.PROVIDER);
        assertThat(sink.heartbeats()).hasSize(1);
        assertThat(sink.isClosed()).isTrue();
    }

    @Test
    void countsRecordsTheSinkRefusesAsDroppedAndKeepsTheirSeq() {
        FakeEtwApi api = new FakeEtwApi(List.of(EtwEventFixtures.connectV4(PID, 1), EtwEventFixtures.connectV4(PID, 2)));
        ListEventSink delivered = ListEventSink.open();
        EventSink refusingFirst = new EventSink() {
            private boolean refused;

            @Override
            public void accept(RawEvent event) {
                if (!refused) {
                    refused = true;
                    throw new IllegalStateException("spool full");
                }
                delivered.accept(event);
            }

            @Override
            public DeliveryStats stats() {
                return delivered.stats();
            }

            @Override
            public void close() {
                delivered.close();
            }
        };
        consumer = start(api, refusingFirst, EventFilter.builder().build(), 64);
        Await.until("the delivery", () -> delivered.events().size() == 1);

        consumer.close();

        assertThat(delivered.records()).extracting(RawEvent::seq).containsExactly(1L, 2L);
        assertThat(delivered.heartbeats().get(0).props()).containsEntry("dropped", 1L);
        assertThat(consumer.stats().sinkFailures()).isEqualTo(1);
    }

    @Test
    void failsToStartWhenTheTraceCannotBeOpenedAndClosesQuietly() {
        FakeEtwApi api = new FakeEtwApi();
        api.failOpenWith(161);
        ListEventSink sink = ListEventSink.open();
        TraceSession session = new TraceSession(api, "etwcorr-test", BufferSettings.DEFAULT, ProviderSpec.defaults());
        TraceConsumer unopened = new TraceConsumer(api, session, EventRecordDecoder.standard(), EventFilter.builder().build(),
                sink, Enrichment.NONE, ConsumerSettings.forHost(HOST), clock);

        assertThatThrownBy(unopened::start).isInstanceOf(EtwCallException.class).hasMessageContaining("161");
        unopened.close();

        assertThat(api.count("close")).isZero();
        assertThat(sink.records()).isEmpty();
    }

    @Test
    void readsATraceFileToItsEndLosingNothingAndStampsHeartbeatsWithTheFilesTime(@TempDir Path dir) throws Exception {
        Path etl = Files.write(dir.resolve("incident.etl"), new byte[] {1});
        int eventCount = 500;
        List<EtwEventFixture> fixtures = new ArrayList<>();
        for (int i = 0; i < eventCount; i++) {
            fixtures.add(EtwEventFixtures.sendV4(PID, i, EtwEventFixtures.TS_MICROS + i));
        }
        FakeEtwApi api = new FakeEtwApi(fixtures);
        ListEventSink sink = ListEventSink.open();
        consumer = new TraceConsumer(api, new EtlFile(api, etl), EventRecordDecoder.standard(), EventFilter.builder().build(),
                sink, Enrichment.NONE, new ConsumerSettings(HOST, 16, HEARTBEAT), clock);
        consumer.start();

        assertThat(consumer.awaitTraceEnd(Duration.ofSeconds(10))).as("ProcessTrace returns at the end of the file").isTrue();
        consumer.close();

        assertThat(api.openedFile()).isEqualTo(etl);
        assertThat(api.calls).doesNotContain("open etwcorr-test").contains("open file incident.etl");
        assertThat(sink.events()).as("a file waits for room in the queue instead of dropping").hasSize(eventCount);
        assertThat(consumer.stats().queueDrops()).isZero();
        assertThat(consumer.traceStatus()).isZero();
        RawEvent heartbeat = sink.heartbeats().get(0);
        assertThat(heartbeat.ts()).as("the newest event time of the file, not the wall clock")
                .isEqualTo(EtwEventFixtures.TS_MICROS + eventCount - 1);
        assertThat(heartbeat.props()).containsEntry("eventsLost", 0L).containsEntry("providers", List.of());
        assertThat(sink.records()).extracting(RawEvent::seq).containsExactlyElementsOf(seqs(eventCount + 1));
    }

    @Test
    void refusesATraceFileThatIsNotThere(@TempDir Path dir) {
        FakeEtwApi api = new FakeEtwApi();

        assertThatThrownBy(() -> new EtlFile(api, dir.resolve("missing.etl"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.etl");
    }

    @Test
    void acceptsOnlyHostNamesTheContractAllows() {
        assertThat(ConsumerSettings.forHost("ws-0042.corp.example")).extracting(ConsumerSettings::queueCapacity,
                ConsumerSettings::heartbeatInterval).containsExactly(65_536, Duration.ofSeconds(10));
        assertThatThrownBy(() -> ConsumerSettings.forHost("WS 0042")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsumerSettings(HOST, 0, HEARTBEAT)).isInstanceOf(IllegalArgumentException.class);
    }

    private TraceConsumer start(FakeEtwApi api, EventSink sink, EventFilter filter, int capacity) {
        TraceSession session = new TraceSession(api, "etwcorr-test", BufferSettings.DEFAULT, ProviderSpec.defaults());
        session.start();
        TraceConsumer started = new TraceConsumer(api, session, EventRecordDecoder.standard(), filter, sink,
                Enrichment.NONE, new ConsumerSettings(HOST, capacity, HEARTBEAT), clock);
        started.start();
        return started;
    }

    private static void assertValidRawRecord(RawEvent record) {
        String json = RawEventCodec.encodeToString(record);
        assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, json)).as(json).isEmpty();
        try {
            assertThat(RawEventCodec.decode(json)).isEqualTo(record);
        } catch (RawEventException e) {
            throw new AssertionError(json, e);
        }
    }

    private static List<Long> seqs(int count) {
        return LongStream.range(0, count).boxed().toList();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
