package io.etwcorr.collector.delivery;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;

/**
 * One batch of spooled records on its way to Kafka. The batch leaves the spool only when every
 * record of it is acknowledged; any failure keeps it whole for the next attempt.
 */
final class DrainAttempt {
    final SpoolBatch batch;
    private final AtomicInteger outstanding;
    private final AtomicReference<Exception> error = new AtomicReference<>();
    private final AtomicLong sent;

    DrainAttempt(SpoolBatch batch, AtomicLong sent) {
        this.batch = batch;
        this.outstanding = new AtomicInteger(batch.size());
        this.sent = sent;
    }

    Callback callback() {
        return (metadata, exception) -> {
            if (exception == null) {
                sent.incrementAndGet();
            } else {
                error.compareAndSet(null, exception);
            }
            outstanding.decrementAndGet();
        };
    }

    /** The producer refused the records from {@code unsentRecords} on: they count as failed. */
    void refused(int unsentRecords, Exception cause) {
        error.compareAndSet(null, cause);
        outstanding.addAndGet(-unsentRecords);
    }

    boolean hasFailed() {
        return error.get() != null;
    }

    boolean isComplete() {
        return outstanding.get() == 0;
    }

    boolean succeeded() {
        return isComplete() && error.get() == null;
    }

    Exception error() {
        return error.get();
    }
}
