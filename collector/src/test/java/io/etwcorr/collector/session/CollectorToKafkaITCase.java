package io.etwcorr.collector.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.runtime.CollectorRuntime;
import io.etwcorr.collector.runtime.KafkaDelivery;
import io.etwcorr.kafka.EmbeddedKafka;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
            List<EtwEventFixture> fixtures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fixtures.addAll(EtwEventFixtures.oneOfEach(4000 + i));
            }
            FakeEtwApi etw = new FakeEtwApi(fixtures);
            CollectorRuntime collector = new CollectorRuntime(config, etw, KafkaDelivery::start);

            collector.start();
            etw.allDelivered.await();
            collector.stop(); // drains, sends a last heartbeat, flushes delivery

            List<RawEvent> received = consume(kafka, fixtures.size() + 1);
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

    private static List<RawEvent> consume(EmbeddedKafka kafka, int atLeast) throws Exception {
        Properties properties = kafka.clientProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "collector-check");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<RawEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("etw.raw"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (events.size() < atLeast && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    String json = new String(record.value(), StandardCharsets.UTF_8);
                    assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, json)).as(json).isEmpty();
                    RawEvent event = RawEventCodec.decode(record.value());
                    assertThat(record.key()).isEqualTo("WS-0042");
                    events.add(event);
                }
            }
        }
        return events;
    }
}
