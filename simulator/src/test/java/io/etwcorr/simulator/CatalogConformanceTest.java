package io.etwcorr.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.schemas.etw.EtwCatalog;
import io.etwcorr.schemas.etw.EtwProperty;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.etw.EventLayout;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The simulator emits only catalog layouts, with their property names in wire order and values of their JSON type. */
class CatalogConformanceTest {
    private static final FleetSpec FLEET = FleetSpec.demo(3, 7).withDurationS(3600);

    @Test
    void everyCorrelatedEventHasTheLayoutOfItsIdAndVersion() {
        assertThat(conformingLayouts(FLEET)).as("layouts emitted").hasSizeGreaterThanOrEqualTo(10);
    }

    /** The hard cases add the DNS cache service's events (3016/3018/3019/3020 v1), UDP to CDNs and servers' agents. */
    @Test
    void theHardCasesToo() {
        assertThat(conformingLayouts(CorpusCases.longHaul(7).fleet().withDurationS(3 * 3600)))
                .as("layouts emitted").anyMatch(layout -> layout.contains("3020")).anyMatch(layout -> layout.contains("3018"));
    }

    private static Set<String> conformingLayouts(FleetSpec fleet) {
        Set<String> seen = new HashSet<>();
        for (var events = FleetSimulator.events(fleet); events.hasNext(); ) {
            RawEvent event = events.next();
            EtwProvider provider = EtwCatalog.provider(event.provider(), event.guid());
            if (provider == null) {
                continue;
            }
            assertThat(event.guid()).isEqualTo(provider.guidText());
            EventLayout layout = EtwCatalog.find(UUID.fromString(event.guid()), event.id(), event.ver());
            assertThat(layout).as("%s %d v%d", event.provider(), event.id(), event.ver()).isNotNull();
            if (seen.add(layout.toString())) {
                assertThat(new ArrayList<>(event.props().keySet())).as(layout.toString()).isEqualTo(layout.propertyNames());
                for (EtwProperty property : layout.properties()) {
                    assertThat(jsonTypeMatches(property, event.props().get(property.name())))
                            .as(layout + " " + property).isTrue();
                }
            }
        }
        return seen;
    }

    private static boolean jsonTypeMatches(EtwProperty property, Object value) {
        return switch (property.type()) {
            case UINT16, UINT32, FILETIME, PORT -> value instanceof Number;
            // Above 2^63−1 these travel as decimal strings.
            case UINT64, POINTER -> value instanceof Number || (value instanceof String s && s.chars().allMatch(Character::isDigit));
            case UNICODE_STRING, ANSI_STRING, SID, IPV4, IPV6, GUID -> value instanceof String;
        };
    }
}
