package io.etwcorr.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaITCase {
    private static final String RAW_TOPIC = "etw.raw";
    private static EmbeddedKafka kafka;

    

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(2, RAW_TOPIC);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void rawRecordsProducedWithTheCodecComeBackValidAndEqual() throws Exception {
        List<RawEvent> sent = new ArrayList<>();
        for (int seq = 0; seq < 50; seq++) {
            sent.add(dnsAnswer("WS-" + (seq % 3), seq));
        }
        try (KafkaProducer<String, byte[]> producer = producer(Map.of())) {
            for (RawEvent event : sent) {
                producer.send(new ProducerRecord<>(RAW_TOPIC, event.host(), RawEventCodec.encode(event))).get();
            }
        }

        List<ConsumerRecord<String, byte[]>> received = kafka.consume(RAW_TOPIC, sent.size(), Duration.ofSeconds(60), false);

        List<RawEvent> decoded = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : received) {
            String json = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, json)).as(json).isEmpty();
            RawEvent event = RawEventCodec.decode(record.value());
            assertThat(record.key()).isEqualTo(event.host());
            decoded.add(event);
        }
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void transactionsWorkOnTheSingleNodeBroker() throws Exception {
        kafka.createTopics(1, "tx-test");
        Map<String, Object> transactional = Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test-producer",
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        try (KafkaProducer<String, byte[]> producer = producer(transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-test", "k", bytes("aborted")));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-test", "k", bytes("committed")));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, byte[]>> received = kafka.consume("tx-test", 1, Duration.ofSeconds(60), true);
        assertThat(received).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("committed");
    }

    private static RawEvent dnsAnswer(String host, long seq) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("QueryName", "cdn.example.net");
        props.put("QueryType", 1L);
        props.put("QueryOptions", 0L);
        props.put("QueryStatus", 0L);
        props.put("QueryResults", "::ffff:203.0.113." + (seq % 250) + ";");
        return new RawEvent(1, host, "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10", seq, 1_795_633_628_000_000L + seq,
                "Microsoft-Windows-DNS-Client", "1c95126e-7eea-49a9-a3fe-a378b03ddb4d", 3008, 0, null,
                7312, 7400, props, null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> extra) {
        Properties properties = kafka.clientProperties();
        properties.putAll(extra);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }
}
