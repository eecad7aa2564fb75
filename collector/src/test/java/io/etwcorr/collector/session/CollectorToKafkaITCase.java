package io.etwcorr.collector.session;

import io.etwcorr.testkit.etw.EtwEventFixture;
import io.etwcorr.testkit.etw.EtwEventFixtures;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.enrich.FakeHostQueries;
import io.etwcorr.collector.runtime.CollectorRuntime;
import io.etwcorr.collector.runtime.KafkaDelivery;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole collector but ETW itself: EVENT_RECORDs laid out in native memory by a fake session,
 * decoded, queued, delivered by the real producer into a real broker; what arrives validates
 * against the raw schema, is keyed by host and numbered without gaps.
 */
class CollectorToKafkaITCase {

    @Test
    void recordsFromNativeMemoryReachKafkaValidAndGapless(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(1, "etw.raw");
            CollectorConfig config = new CollectorConfig();
            config.host = "WS-0042";
            config.kafka.bootstrapServers = kafka.bootstrapServers();
            config.spool.directory = dir.resolve("spool").toString();
            config.coalesce.enabled = false; // one record per fixture (TraceConsumerCoalescingTest coalesces)
            List<EtwEventFixture> fixtures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fixtures.addAll(EtwEventFixtures.oneOfEach(4000 + i));
            }
            FakeEtwApi etw = new FakeEtwApi(fixtures);
            CollectorRuntime collector = new CollectorRuntime(config, etw, new FakeHostQueries(), KafkaDelivery::start);

            collector.start();
            etw.allDelivered.await();
            collector.stop(); // drains, sends a last heartbeat, flushes delivery

            List<RawEvent> received = new ArrayList<>();
            for (var record : kafka.consume("etw.raw", fixtures.size() + 1, Duration.ofSeconds(60), false)) {
                String json = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, json)).as(json).isEmpty();
                assertThat(record.key()).isEqualTo("WS-0042");
                received.add(RawEventCodec.decode(record.value()));
            }
            assertThat(received).extracting(RawEvent::seq)
                    .containsExactlyElementsOf(LongStream.range(0, received.size()).boxed().toList());
            assertThat(received).extracting(RawEvent::run).containsOnly(received.get(0).run());
            assertThat(received.stream().filter(e -> !e.provider().equals("EtwCorrelation-Collector")).count())
                    .isEqualTo(fixtures.size());
            assertThat(received).last().satisfies(heartbeat -> {
                assertThat(heartbeat.provider()).isEqualTo("EtwCorrelation-Collector");
                assertThat(heartbeat.propLong("dropped")).isZero();
            });
        }
    }
}
