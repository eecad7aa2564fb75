package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.schemas.etw.CoalescedTransfers;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoalescingCollectorsTest {
    private static final long T0 = 1_795_593_600_000_000L;

    private final List<RawEvent> sent = new ArrayList<>();
    private final CoalescingCollectors collectors = new CoalescingCollectors(CoalesceSettings.DEFAULTS, sent::add);

    @Test
    void eachHostIsNumberedAgainAndAQuietHostsWindowClosesOnTheFleetsTime() {
        collectors.accept(send("WS-0001", 0, T0));
        collectors.accept(send("WS-0001", 1, T0 + 1_000));
        collectors.accept(send("WS-0002", 0, T0 + 2_000));
        collectors.accept(heartbeat("WS-0002", 1, T0 + 400_000)); // only host 2 speaks: host 1's window closes anyway

        assertThat(sent).extracting(RawEvent::host, RawEvent::seq, RawEvent::id).containsExactly(
                tuple("WS-0001", 0L, CoalescedTransfers.ID),
                tuple("WS-0002", 0L, CoalescedTransfers.ID),
                tuple("WS-0002", 1L, 1));
        assertThat(sent.get(0).props()).containsEntry("sends", 2L).containsEntry("sent", 200L);

        collectors.accept(send("WS-0001", 2, T0 + 500_000));
        collectors.finish();

        assertThat(sent).extracting(RawEvent::host, RawEvent::seq).endsWith(tuple("WS-0001", 1L));
        assertThat(collectors.eventsIn()).isEqualTo(5);
        assertThat(collectors.recordsOut()).isEqualTo(4);
    }

    private static RawEvent send(String host, long seq, long ts) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("PID", 7312L);
        props.put("size", 100L);
        props.put("daddr", "203.0.113.7");
        props.put("saddr", "10.0.0.42");
        props.put("dport", 443L);
        props.put("sport", 50123L);
        props.put("connid", 4096L);
        return new RawEvent(1, host, "run-" + host, seq, ts, "Microsoft-Windows-Kernel-Network", null, 10, 0, null, -1, -1,
                props, null);
    }

    private static RawEvent heartbeat(String host, long seq, long ts) {
        return new RawEvent(1, host, "run-" + host, seq, ts, CoalescedTransfers.PROVIDER, null, 1, 0, null, 900, -1,
                Map.of("eventsLost", 0L), null);
    }
}
