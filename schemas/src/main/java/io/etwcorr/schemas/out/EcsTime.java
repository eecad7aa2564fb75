package io.etwcorr.schemas.out;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** ECS timestamps: ISO-8601, UTC, always six fractional digits, e.g. {@code 2026-11-25T19:31:07.123456Z}. */
public final class EcsTime {
    private static final DateTimeFormatter SECONDS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    /**
     * The last second formatted, shared by all threads: output records come in event-time order
     * and flow buckets share their boundaries, so most calls hit it. Immutable, so a race only
     * costs a reformat.
     */
    private static FormattedSecond lastSecond = new FormattedSecond(0, SECONDS.format(Instant.EPOCH));

    private record FormattedSecond(long epochSecond, String text) {
    }

    private EcsTime() {
    }

    /** Formats microseconds since the Unix epoch (the raw contract's time unit). */
    public static String format(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        FormattedSecond second = lastSecond;
        if (second.epochSecond() != seconds) {
            second = new FormattedSecond(seconds, SECONDS.format(Instant.ofEpochSecond(seconds)));
            lastSecond = second;
        }
        StringBuilder text = new StringBuilder(second.text().length() + 8).append(second.text()).append('.');
        String digits = Integer.toString(micros);
        for (int pad = digits.length(); pad < 6; pad++) {
            text.append('0');
        }
        return text.append(digits).append('Z').toString();
    }

    /** Parses an ISO-8601 UTC instant back into microseconds since the Unix epoch (sub-microseconds are dropped). */
    public static long parse(String timestamp) {
        Instant instant = Instant.parse(timestamp);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }
}
