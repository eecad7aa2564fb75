package io.etwcorr.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.etw.DnsClient;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.etw.KernelNetwork;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The hard cases look on the wire and in the ground truth as the tradecraft they stand for (one fleet, generated once). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusCasesTest {
    private static final String DNS = EtwProvider.DNS_CLIENT.providerName();
    private static final String NETWORK = EtwProvider.KERNEL_NETWORK.providerName();

    private final FleetEvents events = FleetSimulator.events(CorpusCases.longHaul(5).fleet().withDurationS(3 * 3600));
    private final List<RawEvent> all = new ArrayList<>();
    private final GroundTruth truth;

    CorpusCasesTest() {
        events.forEachRemaining(all::add);
        truth = events.groundTruth();
    }

    @Test
    void aTaskStartsCmdAndCurlPerCallbackUnderTheScheduleServiceAndTheTruthListsEveryInstance() {
        ImplantTruth task = implant(Tradecraft.SCHEDULED_TASK);
        assertThat(task.instances()).hasSize(task.callbackMicros().size()).hasSizeGreaterThan(10);
        assertThat(task.instances()).extracting(ImplantInstance::entityId).doesNotHaveDuplicates().contains(task.entityId());
        for (ImplantInstance instance : task.instances()) {
            assertThat(instance.lineage()).extracting(LineageEntry::name).endsWith("services.exe", "svchost.exe", "cmd.exe", "curl.exe");
            assertThat(instance.patientZero().name()).isEqualTo("cmd.exe");
        }
        assertThat(task.image()).isEqualTo("curl.exe");
    }

    @Test
    void aLoopStartsANewPowershellPerCallbackUnderTheMacrosPowershell() {
        ImplantTruth loop = implant(Tradecraft.LOOP);
        assertThat(loop.instances()).hasSize(loop.callbackMicros().size()).hasSizeGreaterThan(5);
        assertThat(loop.lineage()).extracting(LineageEntry::name)
                .containsExactly("explorer.exe", "winword.exe", "powershell.exe", "powershell.exe");
        assertThat(loop.patientZero().name()).isEqualTo("winword.exe");
    }

    @Test
    void theBrowserImplantIsTheHostsBrowsingChromeReachedThroughItsInjection() {
        ImplantTruth chrome = implant(Tradecraft.INTO_BROWSER);
        assertThat(chrome.image()).isEqualTo("chrome.exe");
        assertThat(chrome.lineage().get(chrome.lineage().size() - 1).edge()).isEqualTo(LineageEntry.INJECTED);
        long otherSites = all.stream().filter(e -> e.host().equals(chrome.host()) && e.provider().equals(DNS)
                && e.id() == DnsClient.QUERY_STARTED && e.pid() == chrome.pid()
                && !e.propString(DnsClient.QUERY_NAME).equals(chrome.destination()))
                .map(e -> e.propString(DnsClient.QUERY_NAME)).distinct().count();
        assertThat(otherSites).as("the victim keeps browsing").isGreaterThan(5);
    }

    @Test
    void theIpv6OnlyImplantsALookupsFailAndItConnectsOverIpv6() {
        ImplantTruth v6 = implant(Tradecraft.IPV6_ONLY);
        List<RawEvent> answers = all.stream().filter(e -> e.host().equals(v6.host()) && e.provider().equals(DNS)
                && e.id() == DnsClient.QUERY_COMPLETED && e.pid() == v6.pid()).toList();
        assertThat(answers).isNotEmpty().allSatisfy(answer -> {
            boolean aaaa = answer.propLong(DnsClient.QUERY_TYPE) == 28;
            assertThat(answer.propLong(DnsClient.QUERY_STATUS) == 0).as("AAAA answers, A fails").isEqualTo(aaaa);
        });
        assertThat(all).filteredOn(e -> e.host().equals(v6.host()) && e.provider().equals(NETWORK)
                && e.id() == KernelNetwork.TCP_CONNECT_V4 + KernelNetwork.IPV6_OFFSET && e.propLong(KernelNetwork.PID) == v6.pid())
                .hasSize(v6.callbackMicros().size());
    }

    @Test
    void theCacheOnlyImplantsLookupsAreLoggedByTheDnsCacheServiceNamingItAsClient() {
        ImplantTruth cacheOnly = implant(Tradecraft.CACHE_ONLY);
        assertThat(all).noneMatch(e -> e.host().equals(cacheOnly.host()) && e.provider().equals(DNS) && e.pid() == cacheOnly.pid());
        assertThat(all).filteredOn(e -> e.host().equals(cacheOnly.host()) && e.provider().equals(DNS)
                && (e.id() == DnsClient.NETWORK_ANSWER || e.id() == DnsClient.CACHE_ANSWER)
                && e.propLong(DnsClient.CLIENT_PID) == cacheOnly.pid())
                .hasSize(cacheOnly.callbackMicros().size());
    }

    @Test
    void serversPollTheirMonitoringServerAndTheDcPollsTheNtpPool() {
        assertThat(truth.benign()).filteredOn(benign -> benign.category() == BenignCategory.MONITORING)
                .extracting(BenignTruth::host).containsExactly("WS-0012", "WS-0013", "WS-0014");
        assertThat(truth.benign()).filteredOn(benign -> benign.destination().equals("pool.ntp.org"))
                .extracting(BenignTruth::host).containsExactly("WS-0014");
        assertThat(truth.benign()).anyMatch(benign -> benign.category() == BenignCategory.QUIC);
    }

    private ImplantTruth implant(Tradecraft tradecraft) {
        return truth.implants().stream().filter(implant -> implant.tradecraft() == tradecraft).findFirst().orElseThrow();
    }
}
