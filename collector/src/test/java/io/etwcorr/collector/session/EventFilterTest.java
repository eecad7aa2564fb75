package io.etwcorr.collector.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static final int OWN_PID = 4242;
    private static final String IMAGE = "\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe";

    private final EventFilter defaults = EventFilter.defaults(OWN_PID).build();

    @Test
    void dropsLookupsOfLocalhost() {
        assertThat(defaults.accepts(dns(100, "localhost", "127.0.0.1;"))).isFalse();
        assertThat(defaults.accepts(dns(100, "api.LOCALHOST.", ""))).isFalse();
        assertThat(defaults.accepts(dns(100, "devbox.corp", "127.0.0.1;::ffff:127.0.0.1;"))).isFalse();
        assertThat(defaults.accepts(dns(100, "localhost.example.com", "93.184.216.34;"))).isTrue();
        assertThat(defaults.accepts(dns(100, "mixed.example", "127.0.0.1;198.51.100.1;"))).isTrue();
        assertThat(defaults.accepts(dns(100, "nxdomain.example", ""))).isTrue();
    }

    @Test
    void dropsTheCollectorsOwnProcessByTheProcessTheEventIsAbout() {
        assertThat(defaults.accepts(dns(OWN_PID, "kafka.corp", "10.0.0.5;"))).isFalse();
        assertThat(defaults.accepts(network(-1, OWN_PID))).isFalse();
        assertThat(defaults.accepts(network(OWN_PID, 100))).isTrue();
        assertThat(defaults.accepts(processStart(100, IMAGE))).isTrue();
    }

    @Test
    void includesAndExcludesByProviderAndEventId() {
        EventFilter dnsOnly = EventFilter.builder().includeProvider("*DNS-Client").build();
        EventFilter noSends = EventFilter.builder().excludeEventId(10).build();
        EventFilter connectsOnly = EventFilter.builder().includeEventId(12).build();
        EventFilter noKernel = EventFilter.builder().excludeProvider("microsoft-windows-kernel-*").build();

        assertThat(dnsOnly.accepts(dns(1, "a.example", ""))).isTrue();
        assertThat(dnsOnly.accepts(network(-1, 1))).isFalse();
        assertThat(noSends.accepts(network(-1, 1))).isFalse();
        assertThat(connectsOnly.accepts(network(-1, 1))).isFalse();
        assertThat(noKernel.accepts(processStart(1, IMAGE))).isFalse();
        assertThat(noKernel.accepts(dns(1, "a.example", ""))).isTrue();
    }

    @Test
    void includesAndExcludesByImageWhereTheEventNamesOne() {
        EventFilter noRundll = EventFilter.builder().excludeImage("RUNDLL32.exe").build();
        EventFilter system32Only = EventFilter.builder().includeImage("*\\System32\\*").build();

        assertThat(noRundll.accepts(processStart(1, IMAGE))).isFalse();
        assertThat(noRundll.accepts(processStart(1, "\\Device\\HarddiskVolume3\\Windows\\explorer.exe"))).isTrue();
        assertThat(system32Only.accepts(processStart(1, IMAGE))).isTrue();
        assertThat(system32Only.accepts(processStart(1, "\\Device\\HarddiskVolume3\\Users\\a\\x.exe"))).isFalse();
        assertThat(system32Only.accepts(network(-1, 1))).isTrue();
    }

    @Test
    void prefersTheDosImageOfTheEnrichment() {
        EventFilter noTemp = EventFilter.builder().excludeImage("C:\\Users\\*\\Temp\\*").build();
        RawEvent start = processStart(1, "\\Device\\HarddiskVolume3\\Users\\a\\Temp\\x.exe");
        RawEvent enriched = new RawEvent(1, null, null, 0, 0, start.provider(), start.guid(), 1, 3, 1, 1, 1, start.props(),
                Map.of("image", "C:\\Users\\a\\Temp\\x.exe"));

        assertThat(noTemp.accepts(start)).isTrue();
        assertThat(noTemp.accepts(enriched)).isFalse();
    }

    @Test
    void includesAndExcludesByQueryName() {
        EventFilter noTelemetry = EventFilter.builder().excludeQueryName("*.telemetry.example").build();
        EventFilter corpOnly = EventFilter.builder().includeQueryName("*.corp").build();

        assertThat(noTelemetry.accepts(dns(1, "v10.events.telemetry.example", "1.2.3.4;"))).isFalse();
        assertThat(noTelemetry.accepts(dns(1, "cdn.evil.example", "1.2.3.4;"))).isTrue();
        assertThat(corpOnly.accepts(dns(1, "mail.corp", "10.0.0.9;"))).isTrue();
        assertThat(corpOnly.accepts(dns(1, "cdn.evil.example", "1.2.3.4;"))).isFalse();
        assertThat(corpOnly.accepts(network(-1, 1))).isTrue();
    }

    @Test
    void forwardsEverythingWithoutRules() {
        EventFilter none = EventFilter.builder().build();

        assertThat(none.accepts(dns(1, "localhost", "127.0.0.1;"))).isTrue();
        assertThat(none.accepts(network(-1, ProcessHandle.current().pid()))).isTrue();
    }

    private static RawEvent dns(int pid, String name, String results) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("QueryName", name);
        props.put("QueryType", 1L);
        props.put("QueryOptions", 0L);
        props.put("QueryStatus", 0L);
        props.put("QueryResults", results);
        return event(EtwProvider.DNS_CLIENT, 3008, pid, props);
    }

    private static RawEvent network(int headerPid, long pid) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("PID", pid);
        props.put("daddr", "203.0.113.7");
        return event(EtwProvider.KERNEL_NETWORK, 10, headerPid, props);
    }

    private static RawEvent processStart(int creatorPid, String image) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("ProcessID", 7312L);
        props.put("ImageName", image);
        return event(EtwProvider.KERNEL_PROCESS, 1, creatorPid, props);
    }

    private static RawEvent event(EtwProvider provider, int id, int pid, Map<String, Object> props) {
        return new RawEvent(1, null, null, 0, 0, provider.providerName(), provider.guidText(), id, 0, 0, pid, -1, props, null);
    }
}
