package io.etwcorr.collector.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the kernel's NT paths ({@code \Device\HarddiskVolume3\Windows\cmd.exe}) into DOS paths
 * ({@code C:\Windows\cmd.exe}) with the drive letters' device targets, read once and read again on
 * a miss (a volume mounted since), at most once per {@link #REFRESH_INTERVAL} so that paths of
 * unlettered devices do not cost a QueryDosDevice sweep each. Not thread-safe: used by the sender thread.
 */
public final class DosDeviceMap {
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final String DOS_DEVICES_PREFIX = "\\??\\";
    private static final String NETWORK_REDIRECTOR = "\\Device\\Mup\\";

    private final HostQueries queries;
    private final Clock clock;
    /** Device target to drive, e.g. {@code \Device\HarddiskVolume3} to {@code C:}. */
    private Map<String, String> drives = Map.of();
    private Instant nextRefresh = Instant.MIN;

    public DosDeviceMap(HostQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** The DOS form of {@code ntPath}, or null when no drive maps its device. */
    public String dosPath(String ntPath) {
        if (ntPath.startsWith(DOS_DEVICES_PREFIX)) {
            return ntPath.substring(DOS_DEVICES_PREFIX.length());
        }
        if (ntPath.regionMatches(true, 0, NETWORK_REDIRECTOR, 0, NETWORK_REDIRECTOR.length())) {
            return "\\\\" + ntPath.substring(NETWORK_REDIRECTOR.length());
        }
        String mapped = lookUp(ntPath);
        if (mapped == null && !clock.instant().isBefore(nextRefresh)) {
            refresh();
            mapped = lookUp(ntPath);
        }
        return mapped;
    }

    private String lookUp(String ntPath) {
        int deviceEnd = ntPath.indexOf('\\', "\\Device\\".length());
        String device = deviceEnd < 0 ? ntPath : ntPath.substring(0, deviceEnd);
        String drive = drives.get(device.toLowerCase(Locale.ROOT));
        return drive == null ? null : drive + ntPath.substring(device.length());
    }

    private void refresh() {
        Map<String, String> read = new LinkedHashMap<>();
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            String drive = letter + ":";
            String target = queries.dosDeviceTarget(drive);
            if (target != null) {
                read.putIfAbsent(target.toLowerCase(Locale.ROOT), drive);
            }
        }
        drives = read;
        nextRefresh = clock.instant().plus(REFRESH_INTERVAL);
    }
}
