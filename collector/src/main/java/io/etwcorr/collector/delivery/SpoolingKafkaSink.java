package io.etwcorr.collector.delivery;

import io.etwcorr.collector.etw.RawRecordJson;
import io.etwcorr.schemas.raw.RawEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.ClusterResourceListener;
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
 *
 * <p>A cold start is not an outage: the sender first waits (up to {@code stallTimeout}) for the
 * producer's metadata, and a send the producer refuses because its buffer is full is tried again
 * until {@code stallTimeout}; only then does it spool. With {@code backpressure} (a replayed file)
 * {@link #accept} waits for room in the queue; without it (live ETW) a full queue drops and counts.
 *
 * <p>The spool is tagged with the topic and cluster id it was written for ({@link SpoolTarget}) and
 * drained only into that target: a spool for another one is set aside beside the directory (or
 * deleted with {@code discardForeignSpool}) and reported, never sent to the wrong cluster.
 */
public final class SpoolingKafkaSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingKafkaSink.class);
    private static final int DRAIN_BATCH_RECORDS = 2_000;
    private static final long ACCEPT_WAIT_MILLIS = 20;
    private static final long IDLE_POLL_MILLIS = 50;
    private static final long SPOOLING_POLL_MILLIS = 5;

    private final SpoolingKafkaSinkConfig config;
    private final Producer<String, byte[]> producer;
    private final BlockingQueue<SpooledRecord> queue;
    private final InFlightRecords inFlight = new InFlightRecords();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong droppedBeforeSpool = new AtomicLong();
    /** The id of the cluster the producer's metadata came from, once it came. */
    private final AtomicReference<String> connectedClusterId;
    private final AtomicReference<Path> setAside = new AtomicReference<>();
    private final Thread sender;
    private volatile boolean closing;
    private volatile DiskSpool spool;
    private volatile long droppedBySetAsideSpools;

    // Owned by the sender thread.
    private SpoolTarget target;
    private boolean spooling;
    private DrainAttempt drain;
    private long nextDrainNanos;
    /** A send the producer refused just now (full buffer, no metadata): reported on the sender thread itself. */
    private Exception refusal;

    private SpoolingKafkaSink(SpoolingKafkaSinkConfig config, Producer<String, byte[]> producer,
            AtomicReference<String> connectedClusterId, DiskSpool spool, SpoolTarget target, Path setAsideBeforeStart) {
        this.config = config;
        this.producer = producer;
        this.connectedClusterId = connectedClusterId;
        this.spool = spool;
        this.target = target;
        this.setAside.set(setAsideBeforeStart);
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        // Records left by the previous run go first.
        this.spooling = !spool.isEmpty();
        this.sender = new Thread(this::runSender, "etwcorr-kafka-sender");
        this.sender.setDaemon(true);
    }

    /**
     * Opens the spool (delivering what a previous run left there for the same target first; a spool
     * written for another topic is set aside) and starts the sender thread.
     */
    public static SpoolingKafkaSink start(SpoolingKafkaSinkConfig config) {
        Path directory = config.spoolDirectory();
        Path setAsideBeforeStart = null;
        SpoolTarget previous = SpoolTarget.read(directory).orElse(null);
        if (previous != null && !previous.topic().equals(config.topic())) {
            if (holdsRecords(config)) {
                setAsideBeforeStart = setAsideSpool(directory, previous, "topic " + config.topic(), config.discardForeignSpool());
            }
            previous = null;
        }
        SpoolTarget target = previous != null ? previous : new SpoolTarget(config.topic(), "");
        target.write(directory);
        DiskSpool spool = DiskSpool.open(directory, config.spoolMaxBytes());
        AtomicReference<String> clusterId = new AtomicReference<>();
        SpoolingKafkaSink sink = new SpoolingKafkaSink(config, createProducer(config, clusterId), clusterId, spool,
                target, setAsideBeforeStart);
        sink.sender.start();
        return sink;
    }

    private static boolean holdsRecords(SpoolingKafkaSinkConfig config) {
        try (DiskSpool existing = DiskSpool.open(config.spoolDirectory(), config.spoolMaxBytes())) {
            return !existing.isEmpty();
        }
    }

    private static Producer<String, byte[]> createProducer(SpoolingKafkaSinkConfig config, AtomicReference<String> clusterId) {
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
        return new KafkaProducer<>(properties, new ClusterIdListeningSerializer(clusterId), new ByteArraySerializer());
    }

    /**
     * Queues the event for the sender. Without backpressure it waits at most a few milliseconds and
     * then counts the event as dropped; with it, it waits for room.
     */
    @Override
    public void accept(RawEvent event) {
        enqueue(new SpooledRecord(event.host(), RawRecordJson.encode(event)));
    }

    /** Forwards a line that is not a valid raw event as it is, so the job dead-letters it with its reason. */
    @Override
    public boolean acceptMalformed(String line) {
        enqueue(new SpooledRecord("", line.getBytes(StandardCharsets.UTF_8)));
        return true;
    }

    private void enqueue(SpooledRecord record) {
        if (closing) {
            throw new IllegalStateException("the sink is closed");
        }
        try {
            if (config.backpressure()) {
                queue.put(record);
            } else if (!queue.offer(record, ACCEPT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                droppedBeforeSpool.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            droppedBeforeSpool.incrementAndGet();
        }
    }

    @Override
    public DeliveryStats stats() {
        return new DeliveryStats(sent.get(), spooled.get(), droppedBeforeSpool.get() + droppedBySetAsideSpools + spool.dropped());
    }

    /** Records still in the spool: not yet acknowledged by Kafka. */
    public long pendingInSpool() {
        return spool.size();
    }

    /** Where a spool written for another target was moved, or null (also null when it was discarded). */
    public Path setAsideSpool() {
        return setAside.get();
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
            awaitMetadata();
            while (!closing || !queue.isEmpty()) {
                SpooledRecord record = queue.poll(spooling ? SPOOLING_POLL_MILLIS : IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                step(record);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the Kafka sender stopped; events from now on are dropped", e);
        }
        finish();
    }

    /**
     * A cold start is not an outage: events wait in the queue until the producer has metadata (and so
     * the cluster id), for at most {@code stallTimeout}. A spool left by an earlier run for another
     * cluster is set aside before a new record could join it.
     */
    private void awaitMetadata() throws InterruptedException {
        long deadline = System.nanoTime() + config.stallTimeout().toNanos();
        while (connectedClusterId.get() == null) {
            if (System.nanoTime() - deadline > 0) {
                // Kafka is down: a spool left for the same topic is presumed ours, and new records go behind it.
                if (!spooling) {
                    startSpooling("no metadata within " + config.stallTimeout());
                }
                return;
            }
            requestMetadata();
        }
        confirmTarget();
    }

    /** Asks the producer for the topic's partitions, which fetches metadata; blocks at most {@code max.block.ms}. */
    private void requestMetadata() throws InterruptedException {
        try {
            producer.partitionsFor(config.topic());
        } catch (KafkaException e) {
            LOG.debug("no metadata yet from {}: {}", config.bootstrapServers(), e.toString());
            Thread.sleep(SPOOLING_POLL_MILLIS);
        }
    }

    /**
     * True when the connected cluster is known and the spool is for it. A spool tagged with another
     * cluster is set aside (or discarded) and a fresh one opened; an untagged one is tagged now.
     */
    private boolean confirmTarget() {
        String clusterId = connectedClusterId.get();
        if (clusterId == null) {
            return false;
        }
        if (target.clusterKnown() && !target.clusterId().equals(clusterId) && spool.isEmpty()) {
            target = new SpoolTarget(config.topic(), "");
        }
        if (target.clusterKnown() && !target.clusterId().equals(clusterId)) {
            if (drain != null) {
                return false; // a batch is on its way: decide once it completed
            }
            DiskSpool foreign = spool;
            foreign.close();
            Path moved = setAsideSpool(config.spoolDirectory(), target, "cluster " + clusterId, config.discardForeignSpool());
            setAside.set(moved);
            droppedBySetAsideSpools += foreign.dropped();
            spool = DiskSpool.open(config.spoolDirectory(), config.spoolMaxBytes());
            target = new SpoolTarget(config.topic(), "");
        }
        if (!target.clusterKnown()) {
            target = new SpoolTarget(config.topic(), clusterId);
            target.write(config.spoolDirectory());
        }
        return true;
    }

    private void step(SpooledRecord record) throws InterruptedException {
        if (!spooling && isKafkaUnreachable()) {
            startSpooling(inFlight.hasFailed() ? "a send failed" : "no acknowledgement within " + config.stallTimeout());
        }
        if (record != null) {
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

    /**
     * Sends one record. A send the producer refuses at once (its buffer stayed full or metadata
     * missing for {@code max.block.ms}) is backpressure, not an outage: it is tried again until
     * {@code stallTimeout}, and only then does the sink spool.
     */
    private void sendDirect(SpooledRecord record) throws InterruptedException {
        long firstRefusalNanos = 0;
        while (true) {
            long id = inFlight.add(record, System.nanoTime());
            refusal = null;
            try {
                producer.send(new ProducerRecord<>(config.topic(), record.key(), record.value()), (metadata, error) -> {
                    if (error == null) {
                        sent.incrementAndGet();
                        inFlight.acknowledged(id);
                    } else if (Thread.currentThread() == sender) {
                        refusal = error; // completed inside send(): the record never left
                    } else {
                        inFlight.failed(id);
                    }
                });
            } catch (KafkaException e) {
                refusal = e;
            }
            if (refusal == null) {
                return;
            }
            long now = System.nanoTime();
            firstRefusalNanos = firstRefusalNanos == 0 ? now : firstRefusalNanos;
            if (now - firstRefusalNanos > config.stallTimeout().toNanos() || isKafkaUnreachable()) {
                // The record is in flight, so switching now puts it in the spool in its place.
                startSpooling("the producer refused sends for " + config.stallTimeout() + ": " + refusal.getMessage());
                return;
            }
            inFlight.acknowledged(id); // not sent: it is tried again as a new send
            Thread.sleep(SPOOLING_POLL_MILLIS);
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
        if (!confirmTarget()) {
            nextDrainNanos = now + config.retryBackoff().toNanos();
            try {
                requestMetadata();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    /**
     * Moves a spool written for another target out of the way, to a sibling directory named after
     * it, or deletes it when told to; returns where it went (null when deleted).
     */
    private static Path setAsideSpool(Path directory, SpoolTarget written, String configured, boolean discard) {
        try {
            if (discard) {
                DiskSpool.delete(directory);
                LOG.warn("spool {} was written for {}, not for {}: discarded as told", directory, written, configured);
                return null;
            }
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path aside = directory.resolveSibling(directory.getFileName() + ".foreign-" + stamp);
            Files.move(directory, aside);
            LOG.warn("spool {} was written for {}, not for {}: set aside as {}, not delivered "
                    + "(deliver it with that target's configuration, or discard it)", directory, written, configured, aside);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set aside the foreign spool " + directory, e);
        }
    }

    /** The key serializer, which also learns the cluster id whenever the producer's metadata changes. */
    private static final class ClusterIdListeningSerializer extends StringSerializer implements ClusterResourceListener {
        private final AtomicReference<String> clusterId;

        ClusterIdListeningSerializer(AtomicReference<String> clusterId) {
            this.clusterId = clusterId;
        }

        @Override
        public void onUpdate(ClusterResource clusterResource) {
            if (clusterResource.clusterId() != null) {
                clusterId.set(clusterResource.clusterId());
            }
        }
    }
}
