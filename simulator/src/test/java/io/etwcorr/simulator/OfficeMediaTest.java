package io.etwcorr.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.etw.KernelNetwork;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The realistic mix's video and meetings move real amounts of data, in the shapes Kernel-Network logs. */
class OfficeMediaTest {
    private static final int HOSTS = 2;
    /** Two hours at four times the office's session rates, nothing else on: every host streams, meeting hosts meet. */
    private static final FleetSpec FLEET = new FleetSpec(17, HOSTS, FleetSpec.DEFAULT_START_MICROS, 2 * 3600, 4.0, List.of(),
            BenignMix.none().withVideoAndMeetings());
    private static final long SECOND = 1_000_000L;

    /** The UDP events of one flow (host, local port), in time order. */
    private static final Map<String, List<Datagram>> VIDEO = new LinkedHashMap<>();
    private static final Map<String, List<Datagram>> MEETINGS = new LinkedHashMap<>();

    /** What the checks need of a UDP send or receive event (a meeting hour is about a million of them). */
    private record Datagram(long ts, boolean sent, long size) {
    }

    @BeforeAll
    static void simulate() {
        for (var events = FleetSimulator.events(FLEET); events.hasNext(); ) {
            RawEvent e = events.next();
            if (e.id() != KernelNetwork.UDP_SEND_V4 && e.id() != KernelNetwork.UDP_RECEIVE_V4) {
                continue;
            }
            long remotePort = e.propLong(KernelNetwork.DPORT);
            String flow = e.host() + ':' + e.propLong(KernelNetwork.SPORT);
            Datagram datagram = new Datagram(e.ts(), e.id() == KernelNetwork.UDP_SEND_V4, e.propLong(KernelNetwork.SIZE));
            if (remotePort == 443) {
                VIDEO.computeIfAbsent(flow, k -> new ArrayList<>()).add(datagram);
            } else if (remotePort == VideoMeeting.RELAY_PORT) {
                MEETINGS.computeIfAbsent(flow, k -> new ArrayList<>()).add(datagram);
            }
        }
    }

    @Test
    void videoArrivesInQuicDatagramsOneToFourPerIndicationWithTheClientsAcks() {
        assertThat(VIDEO.keySet().stream().map(flow -> flow.substring(0, flow.indexOf(':'))).distinct()).as("every host streams")
                .hasSize(HOSTS);
        long receivedBytes = 0;
        long receives = 0;
        long acks = 0;
        for (List<Datagram> flow : VIDEO.values()) {
            for (Datagram e : flow) {
                long size = e.size();
                if (!e.sent()) {
                    assertThat(size).isBetween(1L, 4 * 1_350L);
                    receivedBytes += size;
                    receives++;
                } else {
                    assertThat(size).as("a request or an ACK").isLessThan(250);
                    acks++;
                }
            }
        }
        double datagramsPerReceive = receivedBytes / 1_300.0 / receives;
        assertThat(datagramsPerReceive).isBetween(2.0, 3.0);
        double acksPerDatagram = acks / (receivedBytes / 1_300.0);
        assertThat(acksPerDatagram).as("an ACK once two (early) or four datagrams arrived").isBetween(0.18, 0.5);
    }

    @Test
    void videoSegmentsCarryTwoToSixSecondsAtOneAndAHalfToFourMegabitsPerSecond() {
        List<Long> bursts = new ArrayList<>();
        for (List<Datagram> flow : VIDEO.values()) {
            long bytes = 0;
            long last = Long.MIN_VALUE;
            for (Datagram e : flow) {
                if (last != Long.MIN_VALUE && e.ts() - last > SECOND) {
                    bursts.add(bytes);
                    bytes = 0;
                }
                if (!e.sent()) {
                    bytes += e.size();
                }
                last = e.ts();
            }
            bursts.add(bytes);
        }
        bursts.sort(null);
        long median = bursts.get(bursts.size() / 2);
        assertThat(bursts).hasSizeGreaterThan(100);
        assertThat(median).as("a steady-state segment: 2–6 s at 1.5–4 Mbit/s").isBetween(600_000L, 2_500_000L);
        assertThat(bursts.get(bursts.size() - 1)).as("at most the start-up's five segments").isLessThan(5 * 3_900_000L);
    }

    @Test
    void meetingsRunHalfAnHourToAnHourOnHalfTheHostsAtOneToTwoAndAHalfMegabitsEachWay() {
        assertThat(MEETINGS).isNotEmpty();
        for (Map.Entry<String, List<Datagram>> meeting : MEETINGS.entrySet()) {
            List<Datagram> events = meeting.getValue();
            String host = meeting.getKey().substring(0, meeting.getKey().indexOf(':'));
            assertThat(Integer.parseInt(host.substring(host.indexOf('-') + 1)) % 2).as(host).isEqualTo(1);
            long sent = 0;
            long received = 0;
            long longestSilence = 0;
            for (int i = 0; i < events.size(); i++) {
                Datagram e = events.get(i);
                long size = e.size();
                if (e.sent()) {
                    assertThat(size).isBetween(1L, 1_200L);
                    sent += size;
                } else {
                    assertThat(size).isBetween(1L, 4 * 1_200L);
                    received += size;
                }
                if (i > 0) {
                    longestSilence = Math.max(longestSilence, e.ts() - events.get(i - 1).ts());
                }
            }
            double seconds = (events.get(events.size() - 1).ts() - events.get(0).ts()) / (double) SECOND;
            boolean cutByTheEnd = events.get(events.size() - 1).ts() > FLEET.endMicros() - 120 * SECOND;
            if (!cutByTheEnd) {
                assertThat(seconds).as(meeting.getKey()).isBetween(30 * 60.0 - 1, 60 * 60.0);
            }
            assertThat(sent * 8 / seconds).as("uplink bit/s").isBetween(0.95e6, 2.55e6);
            assertThat(received * 8 / seconds).as("downlink bit/s").isBetween(0.95e6, 2.55e6);
            assertThat(longestSilence).as("media every 20–60 ms: one burst").isLessThanOrEqualTo(61_000L);
        }
    }
}
