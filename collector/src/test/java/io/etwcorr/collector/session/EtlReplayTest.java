package io.etwcorr.collector.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.delivery.JsonLinesFileSink;
import io.etwcorr.collector.runtime.EtlReplay;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import io.etwcorr.testkit.etw.EtwEventFixture;
import io.etwcorr.testkit.etw.EtwEventFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collector replay --etl}: a trace file through the consumer loop and decoders into a raw-event file. */
class EtlReplayTest {
    private static final String RECORDED_ON = "WS-0107";
    private static final int TRACED_PID = 7312;

    @TempDir
    Path dir;

    @Test
    void readsTheWholeFileIntoRawEventsOfTheRecordingHostForAnalyze() throws Exception {
        int ownPid = (int) ProcessHandle.current().pid();
        List<EtwEventFixture> fixtures = new ArrayList<>(EtwEventFixtures.oneOfEach(TRACED_PID));
        fixtures.add(EtwEventFixtures.connectV4(ownPid, 99)); // a PID of the recording host, however it compares to ours
        fixtures.add(EtwEventFixtures.dnsQueryCompleted(TRACED_PID, "localhost", "127.0.0.1;"));
        CollectorConfig config = new CollectorConfig();
        config.filters.excludeEventIds.add(3); // the config's filter rules apply to a file too
        config.coalesce.enabled = false; // every send as logged (TraceConsumerCoalescingTest replays coalesced)
        FakeEtwApi api = new FakeEtwApi(fixtures);
        Path out = dir.resolve("incident.jsonl.gz");

        EtlReplay.Result result = EtlReplay.run(config, api, EventRecordDecoder.standard(), new EtlFile(api, etl()), RECORDED_ON,
                JsonLinesFileSink.create(out), Duration.ofSeconds(30));

        List<RawEvent> records = read(out);
        List<RawEvent> events = records.subList(0, records.size() - 1);
        assertThat(events).extracting(RawEvent::id).containsExactly(1, 3008, 12, 10, 28, 26, 2, 12);
        assertThat(events.get(events.size() - 1).propLong("PID")).isEqualTo(ownPid);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.host()).isEqualTo(RECORDED_ON);
            assertThat(record.run()).isEqualTo(result.run());
            assertThat(record.x()).as("no enrichment from this host's processes").isNull();
        });
        assertThat(records).extracting(RawEvent::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        RawEvent heartbeat = records.get(records.size() - 1);
        assertThat(heartbeat.provider()).isEqualTo(CollectorHeartbeat.PROVIDER);
        assertThat(heartbeat.ts()).isEqualTo(events.stream().mapToLong(RawEvent::ts).max().orElseThrow());
        assertThat(result.traceStatus()).isZero();
        assertThat(result.stats().filtered()).isEqualTo(2);
        assertThat(result.stats().emitted()).isEqualTo(records.size());
    }

    @Test
    void aFileThatCannotBeOpenedFailsWithTheWin32StatusAndLeavesTheOutputClosed() throws Exception {
        FakeEtwApi api = new FakeEtwApi();
        api.failOpenWith(1392); // ERROR_FILE_CORRUPT
        Path out = dir.resolve("incident.jsonl");

        assertThatThrownBy(() -> EtlReplay.run(new CollectorConfig(), api, EventRecordDecoder.standard(), new EtlFile(api, etl()), RECORDED_ON,
                JsonLinesFileSink.create(out), Duration.ofSeconds(30)))
                .isInstanceOf(EtwCallException.class).hasMessageContaining("1392").hasMessageContaining("capture.etl");
        assertThat(Files.readAllBytes(out)).isEmpty();
    }

    @Test
    void aFileNotReadWithinTheTimeoutIsClosedAndReportedNotPassedOffAsComplete() throws Exception {
        FakeEtwApi api = new FakeEtwApi(EtwEventFixtures.oneOfEach(TRACED_PID));
        api.fileNeverEnds();
        Path out = dir.resolve("incident.jsonl");

        assertThatThrownBy(() -> EtlReplay.run(new CollectorConfig(), api, EventRecordDecoder.standard(),
                new EtlFile(api, etl()), RECORDED_ON, JsonLinesFileSink.create(out), Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("capture.etl was not read to its end within PT0.3S");
        assertThat(api.calls).contains("close");
        assertThat(Files.readAllLines(out)).as("what was read is written, the sink closed").hasSize(9);
    }

    private Path etl() throws IOException {
        return Files.write(dir.resolve("capture.etl"), new byte[] {0});
    }

    private static List<RawEvent> read(Path file) throws IOException, RawEventException {
        List<RawEvent> records = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                records.add(RawEventCodec.decode(line));
            }
        }
        return records;
    }
}
