package io.etwcorr.schemas.etw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EtwCatalogTest {

    @Test
    void holdsEveryDocumentedEventOnceWithUniquePropertyNames() {
        assertThat(EtwCatalog.layouts()).hasSize(22 + 15 + 22);
        for (EventLayout layout : EtwCatalog.layouts()) {
            List<String> names = layout.propertyNames();
            assertThat(new HashSet<>(names)).as(layout.toString()).hasSameSizeAs(names);
            assertThat(EtwCatalog.find(layout.provider().guid(), layout.id(), layout.version())).isSameAs(layout);
        }
    }

    @Test
    void unknownEventsAreNotInTheCatalog() {
        assertThat(EtwCatalog.find(EtwProvider.KERNEL_PROCESS.guid(), KernelProcess.PROCESS_START, 6)).isNull();
        assertThat(EtwCatalog.find(EtwProvider.KERNEL_NETWORK.guid(), KernelNetwork.TCP_SEND_V4, 1)).isNull();
        assertThat(EtwCatalog.find(EtwProvider.DNS_CLIENT.guid(), 3007, 0)).isNull();
        assertThat(EtwCatalog.find(EtwProvider.DNS_CLIENT.guid(), KernelProcess.PROCESS_START, 0)).isNull();
    }

    @Test
    void providersMatchByNameInAnyCaseOrByGuid() {
        assertThat(EtwCatalog.provider("microsoft-windows-kernel-process", null)).isEqualTo(EtwProvider.KERNEL_PROCESS);
        assertThat(EtwCatalog.provider(null, "7DD42A49-5329-4832-8DFD-43D979153A88")).isEqualTo(EtwProvider.KERNEL_NETWORK);
        assertThat(EtwCatalog.provider("Microsoft-Windows-Kernel-File", "edd08927-9cc4-4e65-b970-c2560fb5c289")).isNull();
        assertThat(EtwCatalog.provider(EtwCatalog.COLLECTOR_PROVIDER, null)).isNull();
    }

    @Test
    void everyIpv4NetworkEventWithEndpointsHasItsIpv6TwinSixteenHigher() {
        Set<Integer> networkIds = new HashSet<>();
        EtwCatalog.layouts().stream().filter(l -> l.provider() == EtwProvider.KERNEL_NETWORK).forEach(l -> networkIds.add(l.id()));
        for (EventLayout layout : EtwCatalog.layouts()) {
            if (layout.provider() != EtwProvider.KERNEL_NETWORK || !layout.propertyNames().contains(KernelNetwork.DADDR)
                    || layout.properties().get(2).type() != WireType.IPV4) {
                continue;
            }
            EventLayout twin = EtwCatalog.find(layout.provider().guid(), layout.id() + KernelNetwork.IPV6_OFFSET, 0);
            assertThat(twin).as("IPv6 twin of " + layout).isNotNull();
            assertThat(twin.propertyNames()).isEqualTo(layout.propertyNames());
            assertThat(twin.properties().get(2).type()).isEqualTo(WireType.IPV6);
        }
        assertThat(networkIds).contains(KernelNetwork.UDP_SEND_V6, KernelNetwork.UDP_RECEIVE_V6, KernelNetwork.TCP_CONNECT_V6);
    }
}
