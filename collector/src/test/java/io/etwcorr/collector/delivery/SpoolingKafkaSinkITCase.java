package io.etwcorr.collector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.simulator.FleetSimulator;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.testkit.kafka.EmbeddedKafka;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SpoolingKafkaSinkITCase {
    private static final int EVENTS_PER_SECOND = 200;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Map<String, String> FAST_FAILING_CLIENT = Map.of(
            "max.block.ms", "200",
            "reconnect.backoff.max.ms", "500");

    private static EmbeddedKafka kafka;

    @TempDir
    Path spoolDirectory;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyEventArrivesInOrderPerHostThroughABrokerOutage() throws Exception {
        String topic = "etw.raw.outage";
        kafka.createTopics(3, topic);
        Iterator<RawEvent> events = FleetSimulator.stream(FleetSpec.benign(4, 11, 3_600)).iterator();
        List<RawEvent> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean feeding = new AtomicBoolean(true);

        SpoolingKafkaSink sink = SpoolingKafkaSink.start(config(topic, kafka.bootstrapServers()));
        CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> feedSteadily(events, sink, accepted, feeding));
        Thread.sleep(5_000);
        kafka.stopBroker();
        Thread.sleep(OUTAGE.toMillis());
        long spooledDuringOutage = sink.stats().spooled();
        kafka.restartBroker();
        Thread.sleep(10_000);
        feeding.set(false);
        feeder.join();
        sink.close();

        DeliveryStats stats = sink.stats();
        List<RawEvent> received = consumeDistinct(topic, accepted.size());
        System.out.printf("outage ITCase: %d accepted, %s, %d spooled during the %d s outage%n",
                accepted.size(), stats, spooledDuringOutage, OUTAGE.toSeconds());
        assertThat(spooledDuringOutage).isPositive();
        assertThat(runSeqs(received)).containsExactlyInAnyOrderElementsOf(runSeqs(accepted));
        assertThat(byHost(received)).isEqualTo(byHost(accepted));
        assertThat(stats.sent()).isGreaterThanOrEqualTo(accepted.size());
        assertThat(stats.spooled()).isPositive();
        assertThat(stats.dropped()).isZero();
        try (DiskSpool spool = DiskSpool.open(spoolDirectory, 1L << 30)) {
            assertThat(spool.isEmpty()).isTrue();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRestartedCollectorDeliversItsSpoolFirst() throws Exception {
        String topic = "etw.raw.restart";
        kafka.createTopics(1, topic);
        List<RawEvent> fleet = FleetSimulator.stream(FleetSpec.benign(3, 5, 3_600)).limit(600).toList();

        SpoolingKafkaSink offline = SpoolingKafkaSink.start(config(topic, "localhost:" + unusedPort())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1)));
        fleet.subList(0, 300).forEach(offline::accept);
        offline.close();
        assertThat(offline.stats()).isEqualTo(new DeliveryStats(0, 300, 0));

        SpoolingKafkaSink restarted = SpoolingKafkaSink.start(config(topic, kafka.bootstrapServers()));
        fleet.subList(300, 600).forEach(restarted::accept);
        restarted.close();

        // One partition: the topic's order is the order of delivery.
        assertThat(runSeqs(consumeDistinct(topic, 600))).containsExactlyElementsOf(runSeqs(fleet));
        assertThat(restarted.stats().sent()).isGreaterThanOrEqualTo(600);
        assertThat(SpoolTarget.read(spoolDirectory)).get().satisfies(target -> {
            assertThat(target.topic()).isEqualTo(topic);
            assertThat(target.clusterKnown()).as("tagged with the cluster it drained into").isTrue();
        });
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aSpoolWrittenForAnotherClusterIsSetAsideNotDelivered() throws Exception {
        String topic = "etw.raw.foreign";
        kafka.createTopics(1, topic);
        List<RawEvent> fleet = FleetSimulator.stream(FleetSpec.benign(3, 5, 3_600)).limit(400).toList();
        SpoolingKafkaSink offline = SpoolingKafkaSink.start(config(topic, "localhost:" + unusedPort())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1)));
        fleet.subList(0, 200).forEach(offline::accept);
        offline.close();
        new SpoolTarget(topic, "another-cluster-id").write(spoolDirectory);

        SpoolingKafkaSink restarted = SpoolingKafkaSink.start(config(topic, kafka.bootstrapServers()));
        fleet.subList(200, 400).forEach(restarted::accept);
        restarted.close();

        assertThat(runSeqs(consumeDistinct(topic, 200))).containsExactlyElementsOf(runSeqs(fleet.subList(200, 400)));
        Path aside = restarted.setAsideSpool();
        assertThat(aside).as("the foreign spool is kept beside the directory").isNotNull().isDirectory();
        assertThat(SpoolTarget.read(aside)).contains(new SpoolTarget(topic, "another-cluster-id"));
        try (DiskSpool kept = DiskSpool.open(aside, 1L << 30)) {
            assertThat(kept.size()).isEqualTo(200);
        }
        assertThat(restarted.pendingInSpool()).isZero();
        assertThat(SpoolTarget.read(spoolDirectory).orElseThrow().clusterId()).isNotEqualTo("another-cluster-id").isNotEmpty();
        DiskSpool.delete(aside);
    }

    private SpoolingKafkaSinkConfig config(String topic, String bootstrapServers) {
        return SpoolingKafkaSinkConfig.defaults(bootstrapServers, spoolDirectory)
                .withTopic(topic)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(30))
                .withClientProperties(FAST_FAILING_CLIENT);
    }

    /** Feeds events at a steady rate, as ETW would, until told to stop. */
    private static void feedSteadily(Iterator<RawEvent> events, EventSink sink, List<RawEvent> accepted, AtomicBoolean feeding) {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / EVENTS_PER_SECOND;
        long next = System.nanoTime();
        while (feeding.get() && events.hasNext()) {
            RawEvent event = events.next();
            sink.accept(event);
            accepted.add(event);
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The topic's records, duplicates by (run, seq) dropped as the jobs do, first copy kept. */
    private static List<RawEvent> consumeDistinct(String topic, int expected) throws RawEventException {
        Properties properties = kafka.clientProperties();
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, RawEvent> distinct = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (distinct.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    RawEvent event = RawEventCodec.decode(record.value());
                    assertThat(record.key()).isEqualTo(event.host());
                    distinct.putIfAbsent(event.run() + "/" + event.seq(), event);
                }
            }
        }
        return new ArrayList<>(distinct.values());
    }

    private static List<String> runSeqs(List<RawEvent> events) {
        return events.stream().map(event -> event.run() + "/" + event.seq()).toList();
    }

    private static Map<String, List<String>> byHost(List<RawEvent> events) {
        return events.stream().collect(Collectors.groupingBy(RawEvent::host, LinkedHashMap::new,
                Collectors.mapping(event -> event.run() + "/" + event.seq(), Collectors.toList())));
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
