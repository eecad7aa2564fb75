package io.etwcorr.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.etw.DnsClient;
import io.etwcorr.schemas.etw.EtwCatalog;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetSimulatorTest {
    private static final FleetSpec FLEET = FleetSpec.demo(4, 11).withDurationS(2 * 3600);

    @Test
    void sampledEventsValidateAgainstTheRawSchemaAndDecodeToThemselves() throws Exception {
        int checked = 0;
        int index = 0;
        for (var events = FleetSimulator.events(FLEET); events.hasNext(); index++) {
            RawEvent event = events.next();
            if (index % 7 != 0) {
                continue;
            }
            String json = RawEventCodec.encodeToString(event);
            assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, json)).as(json).isEmpty();
            assertThat(RawEventCodec.decode(json)).as(json).isEqualTo(event);
            checked++;
        }
        assertThat(checked).isGreaterThan(3000);
    }

    @Test
    void everyRunNumbersItsEventsWithoutGapsAndTheFleetIsInEventTimeOrder() {
        Map<String, Long> nextSeq = new HashMap<>();
        Map<String, String> runOfHost = new HashMap<>();
        long previousTs = Long.MIN_VALUE;
        for (var events = FleetSimulator.events(FLEET); events.hasNext(); ) {
            RawEvent event = events.next();
            assertThat(event.ts()).isGreaterThanOrEqualTo(previousTs);
            previousTs = event.ts();
            assertThat(event.seq()).isEqualTo(nextSeq.getOrDefault(event.run(), 0L));
            nextSeq.put(event.run(), event.seq() + 1);
            assertThat(runOfHost.computeIfAbsent(event.host(), h -> event.run())).isEqualTo(event.run());
        }
        assertThat(runOfHost).hasSize(4);
        runOfHost.values().forEach(run -> assertThat(UUID.fromString(run).version()).isEqualTo(4));
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        FleetSpec spec = FleetSpec.demo(3, 5).withDurationS(1800);
        assertThat(digest(spec)).isEqualTo(digest(spec));
        assertThat(digest(new FleetSpec(6, 3, spec.startMicros(), 1800, 1.0, spec.implants(), spec.benign()))).isNotEqualTo(digest(spec));
    }

    @Test
    void benignHostsShowEveryCorrelatedEventKindAndTheirSubtleties() {
        Set<String> kinds = new HashSet<>();
        boolean cname = false;
        boolean mapped = false;
        boolean plainIpv4 = false;
        boolean pidReused = false;
        Map<String, Long> stoppedPidSequence = new HashMap<>();
        for (var events = FleetSimulator.events(FLEET); events.hasNext(); ) {
            RawEvent e = events.next();
            kinds.add(e.provider() + "/" + e.id());
            String results = e.propString("QueryResults");
            if (results != null) {
                cname |= results.contains("type:  5 ");
                mapped |= results.contains("::ffff:");
                plainIpv4 |= results.matches("^(type:  5 [^;]+;)*\\d+\\.\\d+\\.\\d+\\.\\d+;.*");
            }
            String pidKey = e.host() + "/" + e.propLong("ProcessID");
            if (e.provider().equals(EtwProvider.KERNEL_PROCESS.providerName()) && e.id() == 2) {
                stoppedPidSequence.put(pidKey, e.propLong("ProcessSequenceNumber"));
            }
            if (e.provider().equals(EtwProvider.KERNEL_PROCESS.providerName()) && e.id() == 1 && stoppedPidSequence.containsKey(pidKey)) {
                pidReused |= !stoppedPidSequence.get(pidKey).equals(e.propLong("ProcessSequenceNumber"));
            }
        }
        assertThat(kinds).contains(
                "Microsoft-Windows-Kernel-Process/15", "Microsoft-Windows-Kernel-Process/1", "Microsoft-Windows-Kernel-Process/2",
                "Microsoft-Windows-Kernel-Process/3", "Microsoft-Windows-DNS-Client/3006", "Microsoft-Windows-DNS-Client/3008",
                "Microsoft-Windows-Kernel-Network/10", "Microsoft-Windows-Kernel-Network/11", "Microsoft-Windows-Kernel-Network/12",
                "Microsoft-Windows-Kernel-Network/13", "Microsoft-Windows-Kernel-Network/26", "Microsoft-Windows-Kernel-Network/27",
                "Microsoft-Windows-Kernel-Network/28", "Microsoft-Windows-Kernel-Network/42", "Microsoft-Windows-Kernel-Network/43",
                "EtwCorrelation-Collector/1", "Microsoft-Windows-Kernel-File/12");
        assertThat(cname).as("CNAME chains").isTrue();
        assertThat(mapped).as("IPv4-mapped answers").isTrue();
        assertThat(plainIpv4).as("plain IPv4 answers").isTrue();
        assertThat(pidReused).as("a PID of an exited process started again").isTrue();
    }

    @Test
    void fleetServicesResolveTheSameDomainToTheSameAnswerOnEveryHost() {
        Map<String, Set<String>> answersByHost = FleetSimulator.stream(FLEET)
                .filter(e -> e.id() == DnsClient.QUERY_COMPLETED && BenignActivities.ONEDRIVE_DOMAIN.equals(e.propString("QueryName")))
                .collect(Collectors.groupingBy(RawEvent::host, Collectors.mapping(e -> e.propString("QueryResults"), Collectors.toSet())));
        assertThat(answersByHost).hasSize(4);
        assertThat(answersByHost.values().stream().flatMap(Set::stream).distinct()).hasSize(1);
    }

    @Test
    void heartbeatsComeEveryTenSecondsPerHostAndCountWhatWasSent() {
        Map<String, Long> lastHeartbeat = new HashMap<>();
        for (var events = FleetSimulator.events(FLEET.withDurationS(600)); events.hasNext(); ) {
            RawEvent e = events.next();
            if (e.provider().equals(EtwCatalog.COLLECTOR_PROVIDER)) {
                assertThat(e.propLong("sent")).isEqualTo(e.seq());
                assertThat(e.props().get("providers")).isEqualTo(EtwEvents.PROVIDERS);
                Long last = lastHeartbeat.put(e.host(), e.ts());
                assertThat(e.ts() - (last == null ? FLEET.startMicros() : last)).isEqualTo(HostSimulator.HEARTBEAT_PERIOD);
            }
        }
        assertThat(lastHeartbeat).hasSize(4);
    }

    private static String digest(FleetSpec spec) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        FleetSimulator.stream(spec).forEach(e -> sha.update(RawEventCodec.encode(e)));
        return HexFormat.of().formatHex(sha.digest());
    }
}
