package io.etwcorr.jobs.normalize.sysmon;

import io.etwcorr.schemas.raw.RawEventException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Event-log times as µs since the epoch: Sysmon's {@code UtcTime} ({@code 2026-11-25 19:31:07.123}),
 * ISO-8601 ({@code SystemTime}, Winlogbeat's {@code @timestamp}, 100 ns precision at most) and
 * PowerShell's {@code /Date(ms)/}. A time without a zone is UTC, as Sysmon writes it.
 */
final class SysmonTime {
    private static final String POWERSHELL_DATE = "/Date(";

    private SysmonTime() {}

    static long micros(String text) throws RawEventException {
        if (text == null || text.isBlank()) {
            throw new RawEventException("no event time (UtcTime, TimeCreated/SystemTime or @timestamp)");
        }
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith(POWERSHELL_DATE)) {
                int end = trimmed.indexOf(')');
                return Math.multiplyExact(Long.parseLong(trimmed.substring(POWERSHELL_DATE.length(), end)), 1000L);
            }
            String iso = trimmed.replace(' ', 'T');
            if (!hasZone(iso)) {
                iso += 'Z';
            }
            Instant instant = OffsetDateTime.parse(iso).toInstant();
            return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        } catch (DateTimeParseException | NumberFormatException | IndexOutOfBoundsException | ArithmeticException e) {
            throw new RawEventException("unreadable event time '" + SysmonFields.shown(text) + "'");
        }
    }

    /** Whether an ISO date-time ends in {@code Z} or an offset after its time part. */
    private static boolean hasZone(String iso) {
        int time = iso.indexOf('T');
        return iso.endsWith("Z") || iso.endsWith("z")
                || time >= 0 && (iso.indexOf('+', time) >= 0 || iso.indexOf('-', time) >= 0);
    }
}
