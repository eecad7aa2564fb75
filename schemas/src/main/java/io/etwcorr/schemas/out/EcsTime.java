package io.etwcorr.schemas.out;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** ECS timestamps: ISO-8601, UTC, always six fractional digits, e.g. {@code 2026-11-25T19:31:07.123456Z}. */
public final class EcsTime {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private EcsTime() {
    }

    /** Formats microseconds since the Unix epoch (the raw contract's time unit). */
    public static String format(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        long micros = Math.floorMod(epochMicros, 1_000_000L);
        return FORMAT.format(Instant.ofEpochSecond(seconds, micros * 1_000L));
    }

    /** Parses an ISO-8601 UTC instant back into microseconds since the Unix epoch (sub-microseconds are dropped). */
    public static long parse(String timestamp) {
        Instant instant = Instant.parse(timestamp);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }
}
