package io.etwcorr.collector.coalesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.etwcorr.schemas.etw.CoalescedTransfers;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.etw.KernelNetwork;
import io.etwcorr.schemas.raw.RawEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferCoalescerTest {
    private static final long T0 = 1_795_633_628_000_000L; // a whole second
    private static final int PID = 7312;
    /** A kernel address above 2^63-1: the contract's decimal string. */
    private static final String KERNEL_CONNID = "18446708889337462784";

    private final List<RawEvent> out = new ArrayList<>();
    private final TransferCoalescer coalescer = new TransferCoalescer(CoalesceSettings.DEFAULTS, out::add);

    @Test
    void oneRecordPerBurstBetweenConnectAndDisconnectInOrder() {
        coalescer.accept(tcp(KernelNetwork.TCP_CONNECT_V4, T0, 0, KERNEL_CONNID));
        coalescer.accept(tcp(KernelNetwork.TCP_SEND_V4, T0 + 1_000, 517, KERNEL_CONNID));
        coalescer.accept(tcp(KernelNetwork.TCP_RECEIVE_V4, T0 + 40_000, 1460, KERNEL_CONNID));
        coalescer.accept(tcp(KernelNetwork.TCP_RECEIVE_V4, T0 + 41_000, 1200, KERNEL_CONNID));
        coalescer.accept(tcp(KernelNetwork.TCP_SEND_V4, T0 + 90_000, 80, KERNEL_CONNID));
        assertThat(out).as("the window is still open").hasSize(1);
        coalescer.accept(tcp(KernelNetwork.TCP_DISCONNECT_V4, T0 + 120_000, 0, KERNEL_CONNID));

        assertThat(out).extracting(RawEvent::provider, RawEvent::id, RawEvent::ts).containsExactly(
                tuple("Microsoft-Windows-Kernel-Network", KernelNetwork.TCP_CONNECT_V4, T0),
                tuple(CoalescedTransfers.PROVIDER, CoalescedTransfers.ID, T0 + 1_000),
                tuple("Microsoft-Windows-Kernel-Network", KernelNetwork.TCP_DISCONNECT_V4, T0 + 120_000));
        assertThat(out.get(1).props()).containsExactlyEntriesOf(props(
                "PID", (long) PID, "transport", "tcp", "saddr", "10.0.0.42", "sport", 50123L, "daddr", "203.0.113.7",
                "dport", 443L, "connid", KERNEL_CONNID, "sent", 597L, "recv", 2660L, "sends", 2L, "recvs", 2L,
                "first", T0 + 1_000, "last", T0 + 90_000));
        assertThat(out.get(1).pid()).isEqualTo(-1);
        assertThat(coalescer.openWindows()).isZero();
        assertThat(coalescer.coalescedEvents()).isEqualTo(4);
        assertThat(coalescer.recordsEmitted()).isEqualTo(1);
    }

    @Test
    void anIdleGapOrTheMaximumSpanClosesTheWindow() {
        coalescer.accept(tcp(KernelNetwork.TCP_SEND_V4, T0, 100, 1L));
        coalescer.accept(tcp(KernelNetwork.TCP_SEND_V4, T0 + 199_999, 100, 1L));
        coalescer.accept(tcp(KernelNetwork.TCP_SEND_V4, T0 + 399_999, 100, 1L)); // exactly the idle gap later
        assertThat(out).extracting(e -> e.propLong("sends")).containsExactly(2L);

        // A steady stream with 100 ms gaps: one record per span (whole seconds of event time).
        for (long at = T0 + 500_000; at < T0 + 2_500_000; at += 100_000) {
            coalescer.accept(tcp(KernelNetwork.TCP_RECEIVE_V4, at, 10, 1L));
        }
        coalescer.flush();
        assertThat(out).extracting(e -> e.propLong("first"), e -> e.propLong("last"), e -> e.propLong("sends"),
                e -> e.propLong("recvs")).containsExactly(
                tuple(T0, T0 + 199_999, 2L, 0L),
                tuple(T0 + 399_999, T0 + 900_000, 1L, 5L),
                tuple(T0 + 1_000_000, T0 + 1_900_000, 0L, 10L),
                tuple(T0 + 2_000_000, T0 + 2_400_000, 0L, 5L));
    }

    @Test
    void aTickClosesIdleWindowsAndLeavesBusyOnesOpen() {
        coalescer.accept(tcp(KernelNetwork.TCP_SEND_V4, T0, 100, 1L));
        coalescer.accept(tcp(KernelNetwork.TCP_SEND_V4, T0 + 150_000, 100, 2L));

        coalescer.tick(T0 + 199_999);
        assertThat(out).isEmpty();
        coalescer.tick(T0 + 200_000);
        assertThat(out).extracting(e -> e.props().get("connid")).containsExactly(1L);
        assertThat(coalescer.openWindows()).isEqualTo(1);
        coalescer.tick(T0 + 350_000);
        assertThat(out).extracting(e -> e.props().get("connid")).containsExactly(1L, 2L);
        assertThat(coalescer.openWindows()).isZero();
    }

    @Test
    void udpWindowsAreKeyedByPidAndEndpointsAndCarryNoConnid() {
        coalescer.accept(udp(KernelNetwork.UDP_SEND_V4, T0, 1250, 50000));
        coalescer.accept(udp(KernelNetwork.UDP_RECEIVE_V4, T0 + 20_000, 1350, 50000));
        coalescer.accept(udp(KernelNetwork.UDP_SEND_V4, T0 + 30_000, 90, 50001)); // another local port
        coalescer.flush();

        assertThat(out).extracting(e -> e.propString("transport"), e -> e.propLong("sport"), e -> e.propLong("sent"),
                e -> e.propLong("recv")).containsExactly(tuple("udp", 50000L, 1250L, 1350L), tuple("udp", 50001L, 90L, 0L));
        assertThat(out).allSatisfy(record -> assertThat(record.props()).doesNotContainKey("connid"));
    }

    @Test
    void overflowFlushesTheOldestWindowEarlyAndCountsIt() {
        TransferCoalescer small = new TransferCoalescer(
                new CoalesceSettings(true, Duration.ofMillis(200), Duration.ofSeconds(1), 2), out::add);
        small.accept(tcp(KernelNetwork.TCP_SEND_V4, T0, 1, 1L));
        small.accept(tcp(KernelNetwork.TCP_SEND_V4, T0 + 1, 2, 2L));
        small.accept(tcp(KernelNetwork.TCP_SEND_V4, T0 + 2, 3, 3L));

        assertThat(out).extracting(e -> e.props().get("connid"), e -> e.propLong("sent")).containsExactly(tuple(1L, 1L));
        assertThat(small.overflowFlushes()).isEqualTo(1);
        assertThat(small.openWindows()).isEqualTo(2);
        small.flush();
        assertThat(out).extracting(e -> e.props().get("connid")).containsExactly(1L, 2L, 3L);
        assertThat(out).extracting(e -> e.propLong("sent")).as("no byte lost").containsExactly(1L, 2L, 3L);
    }

    @Test
    void otherRecordsAndMalformedTransfersPassThroughUnchanged() {
        RawEvent dns = new RawEvent(1, "WS-0042", "run", 0, T0, EtwProvider.DNS_CLIENT.providerName(), null, 3008, 0,
                null, PID, 1, props("QueryName", "a.example"), null);
        Map<String, Object> noSize = new LinkedHashMap<>(tcp(KernelNetwork.TCP_SEND_V4, T0, 1, 1L).props());
        noSize.remove("size");
        RawEvent malformed = new RawEvent(1, "WS-0042", "run", 1, T0, "Microsoft-Windows-Kernel-Network", null,
                KernelNetwork.TCP_SEND_V4, 0, null, -1, -1, noSize, null);
        RawEvent retransmitOfAnother = tcp(KernelNetwork.TCP_RETRANSMIT_V4, T0, 0, 9L);

        coalescer.accept(dns);
        coalescer.accept(malformed);
        coalescer.accept(retransmitOfAnother);

        assertThat(out).containsExactly(dns, malformed, retransmitOfAnother);
        assertThat(coalescer.openWindows()).isZero();
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new CoalesceSettings(true, Duration.ZERO, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle gap");
        assertThatThrownBy(() -> new CoalesceSettings(true, Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max span");
        assertThatThrownBy(() -> new CoalesceSettings(true, Duration.ofMillis(200), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max open windows");
    }

    private static RawEvent tcp(int id, long ts, long size, Object connid) {
        return network(id, ts, props("PID", (long) PID, "size", size, "daddr", "203.0.113.7", "saddr", "10.0.0.42",
                "dport", 443L, "sport", 50123L, "seqnum", 1L, "connid", connid));
    }

    private static RawEvent udp(int id, long ts, long size, long sport) {
        return network(id, ts, props("PID", (long) PID, "size", size, "daddr", "198.51.100.9", "saddr", "10.0.0.42",
                "dport", 443L, "sport", sport, "seqnum", 0L, "connid", 0L));
    }

    private static RawEvent network(int id, long ts, Map<String, Object> props) {
        return new RawEvent(1, "WS-0042", "run", 0, ts, "Microsoft-Windows-Kernel-Network", null, id, 0, null, -1, -1,
                props, null);
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }
}
