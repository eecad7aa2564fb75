package io.etwcorr.collector.delivery;

import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production delivery: events go to Kafka (key = host, idempotent, acks=all) and, while Kafka is
 * unreachable, to a {@link DiskSpool}, from which they are sent again, oldest first, once it is back.
 *
 * <p>{@link #accept} only hands the event to a bounded in-memory queue; one sender thread does the
 * rest, so the ETW thread never waits on the network. The sender is in one of two modes:
 * <ul>
 *   <li><b>direct</b>: events are sent as they come. A send error, a send the producer refuses
 *       ({@code max.block.ms} is short) or a send unacknowledged for {@code stallTimeout} switches
 *       to spooling; the unacknowledged sends are copied to the spool first, so each host's order
 *       holds.</li>
 *   <li><b>spooling</b>: new events are appended to the spool, and the spool is drained in batches;
 *       a batch leaves the spool only once Kafka acknowledged all of it. When the spool is empty
 *       the sender goes direct again.</li>
 * </ul>
 * Delivery is at-least-once: a record may arrive twice (the jobs drop duplicates by run and seq),
 * and nothing accepted is lost while the spool has room.
 */
public final class SpoolingKafkaSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingKafkaSink.class);
    private static final int DRAIN_BATCH_RECORDS = 2_000;
    private static final long ACCEPT_WAIT_MILLIS = 20;
    private static final long IDLE_POLL_MILLIS = 50;
    private static final long SPOOLING_POLL_MILLIS = 5;

    private final SpoolingKafkaSinkConfig config;
    private final Producer<String, byte[]> producer;
    private final DiskSpool spool;
    private final BlockingQueue<RawEvent> queue;
    private final InFlightRecords inFlight = new InFlightRecords();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong droppedBeforeSpool = new AtomicLong();
    private final Thread sender;
    private volatile boolean closing;

    // Owned by the sender thread.
    private boolean spooling;
    private DrainAttempt drain;
    private long nextDrainNanos;

    private SpoolingKafkaSink(SpoolingKafkaSinkConfig config, Producer<String, byte[]> producer, DiskSpool spool) {
        this.config = config;
        this.producer = producer;
        this.spool = spool;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        // Records left by the previous run go first.
        this.spooling = !spool.isEmpty();
        this.sender = new Thread(this::runSender, "etwcorr-kafka-sender");
        this.sender.setDaemon(true);
    }

    /** Opens the spool (delivering what a previous run left there first) and starts the sender thread. */
    public static SpoolingKafkaSink start(SpoolingKafkaSinkConfig config) {
        DiskSpool spool = DiskSpool.open(config.spoolDirectory(), config.spoolMaxBytes());
        SpoolingKafkaSink sink = new SpoolingKafkaSink(config, createProducer(config), spool);
        sink.sender.start();
        return sink;
    }

    private static Producer<String, byte[]> createProducer(SpoolingKafkaSinkConfig config) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // The sender must not hang on a full buffer or missing metadata: such a send goes to the spool.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        properties.putAll(config.clientProperties());
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** Queues the event for the sender; waits at most a few milliseconds, then counts it as dropped. */
    @Override
    public void accept(RawEvent event) {
        if (closing) {
            throw new IllegalStateException("the sink is closed");
        }
        try {
            if (!queue.offer(event, ACCEPT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                droppedBeforeSpool.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            droppedBeforeSpool.incrementAndGet();
        }
    }

    @Override
    public DeliveryStats stats() {
        return new DeliveryStats(sent.get(), spooled.get(), droppedBeforeSpool.get() + spool.dropped());
    }

    /**
     * Sends what is queued and waits up to {@code closeTimeout} for Kafka to acknowledge it and the
     * spool; whatever is still unacknowledged then stays in the spool for the next start.
     */
    @Override
    public void close() {
        closing = true;
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runSender() {
        try {
            while (!closing || !queue.isEmpty()) {
                RawEvent event = queue.poll(spooling ? SPOOLING_POLL_MILLIS : IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                step(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the Kafka sender stopped; events from now on are dropped", e);
        }
        finish();
    }

    private void step(RawEvent event) {
        if (!spooling && isKafkaUnreachable()) {
            startSpooling(inFlight.hasFailed() ? "a send failed" : "no acknowledgement within " + config.stallTimeout());
        }
        if (event != null) {
            SpooledRecord record = new SpooledRecord(event.host(), RawEventCodec.encode(event));
            if (spooling) {
                appendToSpool(record.encode());
            } else {
                sendDirect(record);
            }
        }
        if (spooling) {
            advanceDrain();
        }
    }

    private boolean isKafkaUnreachable() {
        return inFlight.hasFailed() || inFlight.oldestWaitNanos(System.nanoTime()) > config.stallTimeout().toNanos();
    }

    private void sendDirect(SpooledRecord record) {
        long id = inFlight.add(record, System.nanoTime());
        try {
            producer.send(new ProducerRecord<>(config.topic(), record.key(), record.value()), (metadata, error) -> {
                if (error == null) {
                    sent.incrementAndGet();
                    inFlight.acknowledged(id);
                } else {
                    inFlight.failed(id);
                }
            });
        } catch (KafkaException e) {
            // The record is in flight, so switching now puts it in the spool in its place.
            startSpooling("the producer refused a send: " + e.getMessage());
        }
    }

    private void startSpooling(String reason) {
        List<byte[]> unacknowledged = inFlight.takeAll();
        for (byte[] record : unacknowledged) {
            appendToSpool(record);
        }
        spooling = true;
        nextDrainNanos = System.nanoTime() + config.retryBackoff().toNanos();
        LOG.warn("Kafka unreachable ({}): spooling to {}, starting with {} unacknowledged records",
                reason, config.spoolDirectory(), unacknowledged.size());
    }

    private void appendToSpool(byte[] record) {
        try {
            if (spool.append(record)) {
                spooled.incrementAndGet();
            }
        } catch (UncheckedIOException e) {
            droppedBeforeSpool.incrementAndGet();
            LOG.error("cannot write to the spool; the record is dropped", e);
        }
    }

    /** Completes the running drain attempt, if any, and starts the next one when it is time. */
    private void advanceDrain() {
        long now = System.nanoTime();
        if (drain != null) {
            if (!drain.isComplete()) {
                return;
            }
            if (drain.succeeded()) {
                spool.remove(drain.batch);
            } else {
                nextDrainNanos = now + config.retryBackoff().toNanos();
                LOG.debug("draining the spool failed, retrying in {}: {}", config.retryBackoff(), drain.error().toString());
            }
            drain = null;
        }
        if (spool.isEmpty()) {
            spooling = false;
            LOG.info("Kafka reachable again: the spool is drained, sending directly");
            return;
        }
        if (now - nextDrainNanos < 0) {
            return;
        }
        SpoolBatch batch = spool.read(DRAIN_BATCH_RECORDS);
        drain = new DrainAttempt(batch, sent);
        List<byte[]> records = batch.records();
        for (int i = 0; i < records.size(); i++) {
            SpooledRecord record = SpooledRecord.decode(records.get(i));
            try {
                producer.send(new ProducerRecord<>(config.topic(), record.key(), record.value()), drain.callback());
            } catch (KafkaException e) {
                drain.refused(records.size() - i, e);
                break;
            }
            // A send that failed at once (no metadata within max.block.ms) must not be overtaken by the next ones.
            if (drain.hasFailed()) {
                drain.refused(records.size() - i - 1, drain.error());
                break;
            }
        }
    }

    /** Delivers what it can within the close timeout and leaves the rest in the spool. */
    private void finish() {
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        try {
            while (!spooling && !inFlight.isEmpty() && !isKafkaUnreachable() && System.nanoTime() - deadline < 0) {
                Thread.sleep(SPOOLING_POLL_MILLIS);
            }
            if (!spooling && !inFlight.isEmpty()) {
                startSpooling("closing with unacknowledged records");
            }
            while (spooling && System.nanoTime() - deadline < 0) {
                advanceDrain();
                Thread.sleep(SPOOLING_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // What is still unacknowledged is in the spool: the producer need not wait for it.
            producer.close(Duration.ZERO);
            spool.close();
            DeliveryStats stats = stats();
            LOG.info("Kafka sink closed: {} sent, {} spooled, {} dropped, {} left in the spool",
                    stats.sent(), stats.spooled(), stats.dropped(), spool.size());
        }
    }
}
