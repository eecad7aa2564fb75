package io.etwcorr.jobs.io.kafka;

import io.etwcorr.jobs.model.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The fleet's event time as Flink watermarks, per etw.raw partition: the newest record time
 * ({@code ts}, in milliseconds) of each partition minus the lateness, the slowest partition
 * deciding. One host's skewed clock does not move it (its partition's other hosts do), and an
 * idle partition stops holding it back after a minute. Per-host ordering does not use it
 * (HostSequencer keeps each host's own time); fleet prevalence waits for it so its decisions do
 * not depend on how hosts' callbacks interleaved.
 */
public final class FleetClock {
    private static final Duration IDLE_PARTITION = Duration.ofMinutes(1);
    private static final byte[] TS_FIELD = "\"ts\":".getBytes(StandardCharsets.US_ASCII);

    private FleetClock() {}

    public static WatermarkStrategy<RawRecord> watermarks(long latenessSeconds) {
        return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(Duration.ofSeconds(latenessSeconds))
                .withTimestampAssigner((record, kafkaTimestamp) -> eventTimeMillis(record.value))
                .withIdleness(IDLE_PARTITION);
    }

    /**
     * The record's top-level {@code ts} (microseconds) in milliseconds, found without parsing the
     * JSON (the collector writes it before {@code props}); Long.MIN_VALUE when there is none, which
     * leaves the watermark where it is.
     */
    static long eventTimeMillis(byte[] json) {
        outer:
        for (int i = 0; i + TS_FIELD.length < json.length; i++) {
            for (int j = 0; j < TS_FIELD.length; j++) {
                if (json[i + j] != TS_FIELD[j]) {
                    continue outer;
                }
            }
            long micros = 0;
            int digits = 0;
            for (int k = i + TS_FIELD.length; k < json.length && digits < 18; k++, digits++) {
                byte b = json[k];
                if (b < '0' || b > '9') {
                    break;
                }
                micros = micros * 10 + (b - '0');
            }
            return digits == 0 ? Long.MIN_VALUE : micros / 1000;
        }
        return Long.MIN_VALUE;
    }
}
