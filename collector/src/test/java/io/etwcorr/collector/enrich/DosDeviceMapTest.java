package io.etwcorr.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.collector.session.MutableClock;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DosDeviceMapTest {
    private final FakeHostQueries queries = new FakeHostQueries();

    @Test
    void mapsDeviceVolumesToTheirDriveLetters() {
        queries.deviceTargets.put("C:", "\\Device\\HarddiskVolume3");
        queries.deviceTargets.put("D:", "\\Device\\HarddiskVolume10");
        DosDeviceMap map = new DosDeviceMap(queries, Clock.systemUTC());

        assertThat(map.dosPath("\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(map.dosPath("\\Device\\HarddiskVolume10\\tools\\x.exe")).isEqualTo("D:\\tools\\x.exe");
        assertThat(map.dosPath("\\device\\harddiskvolume3\\a.exe")).isEqualTo("C:\\a.exe");
        assertThat(map.dosPath("\\Device\\HarddiskVolume1\\a.exe")).as("a prefix of another volume's name").isNull();
    }

    @Test
    void mapsDosDeviceAndNetworkRedirectorPathsWithoutTheDeviceMap() {
        DosDeviceMap map = new DosDeviceMap(queries, Clock.systemUTC());

        assertThat(map.dosPath("\\??\\C:\\Windows\\system32\\conhost.exe")).isEqualTo("C:\\Windows\\system32\\conhost.exe");
        assertThat(map.dosPath("\\Device\\Mup\\fileserver\\share\\tool.exe")).isEqualTo("\\\\fileserver\\share\\tool.exe");
        assertThat(queries.deviceQueries).hasValue(0);
    }

    @Test
    void readsTheDrivesOnceAndAgainOnAMissAtMostOncePerInterval() {
        queries.deviceTargets.put("C:", "\\Device\\HarddiskVolume3");
        MutableClock now = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        DosDeviceMap map = new DosDeviceMap(queries, now);

        map.dosPath("\\Device\\HarddiskVolume3\\a.exe");
        map.dosPath("\\Device\\HarddiskVolume3\\b.exe");
        assertThat(queries.deviceQueries).as("one sweep of A: to Z:").hasValue(26);

        queries.deviceTargets.put("E:", "\\Device\\HarddiskVolume7");
        assertThat(map.dosPath("\\Device\\HarddiskVolume7\\usb.exe")).as("too soon to read again").isNull();
        now.advance(DosDeviceMap.REFRESH_INTERVAL);
        assertThat(map.dosPath("\\Device\\HarddiskVolume7\\usb.exe")).isEqualTo("E:\\usb.exe");
        assertThat(queries.deviceQueries).hasValue(52);
    }
}
