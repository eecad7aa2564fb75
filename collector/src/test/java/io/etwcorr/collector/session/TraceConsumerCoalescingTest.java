package io.etwcorr.collector.session;

import static io.etwcorr.schemas.etw.KernelNetwork.TCP_CONNECT_V4;
import static io.etwcorr.schemas.etw.KernelNetwork.TCP_DISCONNECT_V4;
import static io.etwcorr.schemas.etw.KernelNetwork.TCP_RECEIVE_V4;
import static io.etwcorr.schemas.etw.KernelNetwork.TCP_SEND_V4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.collector.enrich.Enrichment;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.etw.CoalescedTransfers;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.testkit.etw.EtwEventFixture;
import io.etwcorr.testkit.etw.EtwEventFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer's sender coalesces sends and receives of byte fixtures delivered by the fake session. */
class TraceConsumerCoalescingTest {
    private static final String HOST = "WS-0042";
    private static final int PID = 7312;
    private static final long T0 = EtwEventFixtures.TS_MICROS;
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private TraceConsumer consumer;

    @AfterEach
    void closeConsumer() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @Test
    void aLiveSessionSendsConnectThenTransfersThenDisconnectAndFlushesOnShutdown() {
        FakeEtwApi api = new FakeEtwApi(List.of(
                tcp(TCP_CONNECT_V4, 1, 0, T0),
                tcp(TCP_SEND_V4, 1, 517, T0 + 2_000),
                tcp(TCP_RECEIVE_V4, 1, 1460, T0 + 30_000),
                tcp(TCP_RECEIVE_V4, 1, 1460, T0 + 31_000),
                tcp(TCP_DISCONNECT_V4, 1, 0, T0 + 80_000),
                tcp(TCP_SEND_V4, 2, 300, T0 + 90_000))); // a kept-alive connection, open at shutdown
        ListEventSink sink = ListEventSink.open();
        TraceSession session = new TraceSession(api, "etwcorr-test", BufferSettings.DEFAULT, ProviderSpec.defaults());
        session.start();
        consumer = new TraceConsumer(api, session, EventRecordDecoder.standard(), EventFilter.builder().build(), sink,
                Enrichment.NONE, new ConsumerSettings(HOST, 64, HEARTBEAT), CoalesceSettings.DEFAULTS, clock);
        consumer.start();

        Await.until("the delivery", () -> api.allDelivered.getCount() == 0);
        Await.until("connect, transfers, disconnect", () -> sink.events().size() == 3);
        consumer.close();

        List<RawEvent> records = sink.records();
        assertThat(records).extracting(RawEvent::id, RawEvent::ts, r -> r.props().get("connid")).containsExactly(
                tuple(TCP_CONNECT_V4, T0, 1L),
                tuple(CoalescedTransfers.ID, T0 + 2_000, 1L),
                tuple(TCP_DISCONNECT_V4, T0 + 80_000, 1L),
                tuple(CoalescedTransfers.ID, T0 + 90_000, 2L),
                tuple(1, records.get(4).ts(), null));
        assertThat(records.get(1).props()).containsEntry("sent", 517L).containsEntry("recv", 2920L)
                .containsEntry("sends", 1L).containsEntry("recvs", 2L).containsEntry("last", T0 + 31_000);
        assertThat(records.get(4).provider()).as("the last heartbeat after the flushed window")
                .isEqualTo(CollectorHeartbeat.PROVIDER);
        assertThat(records).extracting(RawEvent::seq).containsExactlyElementsOf(LongStream.range(0, 5).boxed().toList());
        assertThat(records).allSatisfy(record -> assertThat(
                SchemaValidator.validate(SchemaId.RAW_EVENT, RawEventCodec.encodeToString(record))).isEmpty());
    }

    @Test
    void aReplayClosesIdleWindowsInTheFilesOwnTime(@TempDir Path dir) throws Exception {
        Path etl = Files.write(dir.resolve("incident.etl"), new byte[] {1});
        // Five bursts of three sends, 30 s apart, each on its own connection: only the file's time
        // (a tick at the next burst) can close a burst's window before the end of the file.
        List<EtwEventFixture> fixtures = LongStream.range(0, 15)
                .mapToObj(i -> tcp(TCP_SEND_V4, 10 + i / 3, 100, T0 + (i / 3) * 30_000_000 + (i % 3) * 10_000))
                .toList();
        FakeEtwApi api = new FakeEtwApi(fixtures);
        ListEventSink sink = ListEventSink.open();
        consumer = new TraceConsumer(api, new EtlFile(api, etl), EventRecordDecoder.standard(),
                EventFilter.builder().build(), sink, Enrichment.NONE, new ConsumerSettings(HOST, 16, HEARTBEAT),
                CoalesceSettings.DEFAULTS, clock);
        consumer.start();

        assertThat(consumer.awaitTraceEnd(Duration.ofSeconds(10))).isTrue();
        // The wall clock stands still: only the file's time can close the first four windows.
        Await.until("four closed windows", () -> sink.events().size() == 4);
        consumer.close();

        assertThat(sink.events()).extracting(e -> e.propLong("first"), e -> e.propLong("sends"), e -> e.propLong("sent"))
                .containsExactly(
                        tuple(T0, 3L, 300L),
                        tuple(T0 + 30_000_000, 3L, 300L),
                        tuple(T0 + 60_000_000, 3L, 300L),
                        tuple(T0 + 90_000_000, 3L, 300L),
                        tuple(T0 + 120_000_000, 3L, 300L));
    }

    @Test
    void aLiveSessionClosesAnIdleWindowOnTheWallClockWithoutAnotherEvent() {
        FakeEtwApi api = new FakeEtwApi(List.of(tcp(TCP_SEND_V4, 1, 517, T0), tcp(TCP_RECEIVE_V4, 1, 1460, T0 + 30_000)));
        ListEventSink sink = ListEventSink.open();
        TraceSession session = new TraceSession(api, "etwcorr-test", BufferSettings.DEFAULT, ProviderSpec.defaults());
        session.start();
        MutableClock live = new MutableClock(Instant.ofEpochSecond(0, T0 * 1_000));
        consumer = new TraceConsumer(api, session, EventRecordDecoder.standard(), EventFilter.builder().build(), sink,
                Enrichment.NONE, new ConsumerSettings(HOST, 64, Duration.ofHours(1)), CoalesceSettings.DEFAULTS, live);
        consumer.start();
        Await.until("the delivery", () -> api.allDelivered.getCount() == 0);

        live.advance(Duration.ofMillis(2_100)); // the live delivery lag and a little more: not yet the idle gap
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(sink.events()).as("still within the idle gap").isEmpty();
        live.advance(Duration.ofMillis(200));
        Await.until("the window closed by the tick", () -> sink.events().size() == 1);

        assertThat(sink.events().get(0).props()).containsEntry("sends", 1L).containsEntry("recvs", 1L);
    }

    private static EtwEventFixture tcp(int id, long connid, long size, long ts) {
        EtwEventFixture fixture = id == TCP_CONNECT_V4
                ? EtwEventFixtures.connectV4(id, PID, connid, "10.0.0.42", 50123, "203.0.113.7", 443)
                : EtwEventFixtures.transferV4(id, PID, connid, size, "10.0.0.42", 50123, "203.0.113.7", 443);
        return fixture.at(ts, fixture.keyword());
    }
}
