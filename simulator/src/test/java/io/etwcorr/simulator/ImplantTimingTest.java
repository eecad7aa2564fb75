package io.etwcorr.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.etwcorr.schemas.etw.DnsClient;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.etw.KernelNetwork;
import io.etwcorr.schemas.etw.KernelProcess;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImplantTimingTest {
    private static final double SLEEP_S = 30;
    private static final double JITTER = 0.3;
    private static final double MISSED = 0.1;
    private static final String DOMAIN = "sync.c2-test.example";
    private static final long BURST_GAP = Micros.SECOND;

    static List<Arguments> variants() {
        List<Arguments> variants = new ArrayList<>();
        for (BeaconMode mode : BeaconMode.values()) {
            for (JitterKind kind : JitterKind.values()) {
                variants.add(Arguments.of(mode, kind, Delivery.DIRECT, InjectionTarget.SPAWNED_NOTEPAD));
            }
            for (InjectionTarget target : InjectionTarget.values()) {
                variants.add(Arguments.of(mode, JitterKind.SYMMETRIC, Delivery.INJECTED, target));
            }
        }
        return variants;
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("variants")
    void measuredCallbacksFitTheSpecAndTheTruth(BeaconMode mode, JitterKind kind, Delivery delivery, InjectionTarget target) {
        ImplantSpec implant = new ImplantSpec(0, 60, SLEEP_S, JITTER, kind, MISSED, mode, delivery, target, DOMAIN, 443, 0);
        FleetSpec spec = FleetSpec.benign(1, 99, 2 * 3600).withImplants(List.of(implant));
        FleetEvents events = FleetSimulator.events(spec);
        List<RawEvent> all = new ArrayList<>();
        events.forEachRemaining(all::add);
        ImplantTruth truth = events.groundTruth().implants().get(0);

        List<Long> measured = callbacks(all, mode, truth.pid());
        assertThat(measured).hasSameSizeAs(truth.callbackMicros()).hasSizeGreaterThan(150);
        for (int i = 0; i < measured.size(); i++) {
            assertThat(measured.get(i) - truth.callbackMicros().get(i)).isBetween(0L, Micros.SECOND / 2);
        }

        long low = Micros.seconds(kind.lowest(SLEEP_S, JITTER));
        long high = Micros.seconds(kind.highest(SLEEP_S, JITTER));
        List<Long> intervals = new ArrayList<>();
        for (int i = 1; i < truth.callbackMicros().size(); i++) {
            intervals.add(truth.callbackMicros().get(i) - truth.callbackMicros().get(i - 1));
        }
        long singles = intervals.stream().filter(gap -> gap >= low - 1 && gap <= high + 1).count();
        assertThat(intervals).allMatch(gap -> (gap >= low - 1 && gap <= high + 1) || gap >= 2 * low - 2);
        assertThat((double) singles / intervals.size()).isBetween(0.85, 0.95);
        double missedFraction = (double) truth.missedSlots() / (truth.missedSlots() + truth.callbackMicros().size());
        assertThat(missedFraction).isCloseTo(MISSED, offset(0.02));
        if (kind == JitterKind.ASYMMETRIC) {
            assertThat(intervals.stream().filter(gap -> gap <= high + 1).mapToLong(Long::longValue).max().orElseThrow()).isLessThanOrEqualTo(high + 1);
        } else {
            assertThat(intervals).anyMatch(gap -> gap > Micros.seconds(SLEEP_S) && gap <= high + 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injectionTargets")
    void theInjectorCreatesARemoteThreadInTheVictimWhichThenBeacons(InjectionTarget target) {
        ImplantSpec implant = new ImplantSpec(0, 60, 10, 0, JitterKind.ASYMMETRIC, 0, BeaconMode.NEW_CONNECTION, Delivery.INJECTED,
                target, DOMAIN, 443, 0);
        FleetEvents events = FleetSimulator.events(FleetSpec.benign(1, 3, 600).withImplants(List.of(implant)));
        List<RawEvent> all = new ArrayList<>();
        events.forEachRemaining(all::add);
        ImplantTruth truth = events.groundTruth().implants().get(0);
        LineageEntry injector = truth.lineage().get(truth.lineage().size() - 2);

        List<RawEvent> threadsOfVictim = all.stream()
                .filter(e -> e.id() == KernelProcess.THREAD_START && e.provider().equals(EtwProvider.KERNEL_PROCESS.providerName()))
                .filter(e -> e.propLong("ProcessID") == truth.pid())
                .toList();
        RawEvent remote = threadsOfVictim.stream().filter(e -> e.pid() == injector.pid()).reduce((a, b) -> b).orElseThrow();
        assertThat(remote.pid()).isNotEqualTo(truth.pid());
        if (target != InjectionTarget.EXISTING_SVCHOST) {
            // The injector also started the victim: its first thread is no injection, the later one is.
            assertThat(threadsOfVictim.get(0).pid()).isEqualTo(injector.pid());
            assertThat(threadsOfVictim.indexOf(remote)).isPositive();
        }
        List<RawEvent> connects = all.stream()
                .filter(e -> e.id() == KernelNetwork.TCP_CONNECT_V4 && e.provider().equals(EtwProvider.KERNEL_NETWORK.providerName())).toList();
        assertThat(connects).anyMatch(e -> e.propLong("PID") == truth.pid() && e.ts() > remote.ts());
        assertThat(connects).noneMatch(e -> e.propLong("PID") == injector.pid());
    }

    static InjectionTarget[] injectionTargets() {
        return InjectionTarget.values();
    }

    private static List<Long> callbacks(List<RawEvent> all, BeaconMode mode, int pid) {
        List<Long> times = new ArrayList<>();
        long lastSend = Long.MIN_VALUE;
        for (RawEvent e : all) {
            switch (mode) {
                case NEW_CONNECTION, DNS_ONLY -> {
                    if (e.id() == DnsClient.QUERY_STARTED && e.pid() == pid && e.propString("QueryName").endsWith(DOMAIN)) {
                        times.add(e.ts());
                    }
                }
                case KEEP_ALIVE -> {
                    if (e.id() == DnsClient.QUERY_STARTED && e.pid() == pid) {
                        times.add(e.ts());
                        lastSend = e.ts();
                    } else if (e.id() == KernelNetwork.TCP_SEND_V4 && e.provider().equals(EtwProvider.KERNEL_NETWORK.providerName()) && e.propLong("PID") == pid) {
                        if (e.ts() - lastSend > BURST_GAP) {
                            times.add(e.ts());
                        }
                        lastSend = e.ts();
                    }
                }
            }
        }
        return times;
    }
}
