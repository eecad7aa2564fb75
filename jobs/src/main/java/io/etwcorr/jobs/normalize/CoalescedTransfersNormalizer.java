package io.etwcorr.jobs.normalize;

import static io.etwcorr.jobs.normalize.RawProps.UINT16_MAX;
import static io.etwcorr.jobs.normalize.RawProps.UINT32_MAX;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.schemas.etw.CoalescedTransfers;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventException;

/**
 * Validates a coalesced-transfers record (EtwCorrelation-Collector 2, docs/contract/raw-events.md,
 * "Collector records") into a {@link EventKind#TCP_TRANSFERS} or {@link EventKind#UDP_TRANSFERS}
 * event. Every prop is required (connid for TCP only); a record that breaks the contract — a
 * transport other than tcp/udp, a window without transfers, bytes without the events that carried
 * them, {@code last} before {@code first}, an envelope {@code ts} other than {@code first} — is a
 * {@link RawEventException} whose message is the dead letter's reason.
 */
final class CoalescedTransfersNormalizer {

    private CoalescedTransfersNormalizer() {}

    static void normalize(RawEvent raw, EtwEvent event) throws RawEventException {
        String transport = RawProps.string(raw, CoalescedTransfers.TRANSPORT, 16);
        boolean tcp = CoalescedTransfers.TCP.equals(transport);
        if (!tcp && !CoalescedTransfers.UDP.equals(transport)) {
            throw invalid(raw, "transport must be 'tcp' or 'udp', got '" + transport + "'");
        }
        event.kind = tcp ? EventKind.TCP_TRANSFERS : EventKind.UDP_TRANSFERS;
        event.pid = RawProps.integer(raw, CoalescedTransfers.PID, 0, UINT32_MAX);
        event.localIp = RawProps.ipAddress(raw, CoalescedTransfers.SADDR);
        event.localPort = (int) RawProps.integer(raw, CoalescedTransfers.SPORT, 0, UINT16_MAX);
        event.remoteIp = RawProps.ipAddress(raw, CoalescedTransfers.DADDR);
        event.remotePort = (int) RawProps.integer(raw, CoalescedTransfers.DPORT, 0, UINT16_MAX);
        if (tcp) {
            event.connId = RawProps.optionalUnsigned64(raw, CoalescedTransfers.CONNID);
            if (event.connId == -1) {
                throw invalid(raw, "a tcp window needs property '" + CoalescedTransfers.CONNID + "'");
            }
        }
        event.sentBytes = RawProps.integer(raw, CoalescedTransfers.SENT, 0, Long.MAX_VALUE);
        event.receivedBytes = RawProps.integer(raw, CoalescedTransfers.RECV, 0, Long.MAX_VALUE);
        event.sends = RawProps.integer(raw, CoalescedTransfers.SENDS, 0, Long.MAX_VALUE);
        event.receives = RawProps.integer(raw, CoalescedTransfers.RECVS, 0, Long.MAX_VALUE);
        if (event.sends + event.receives == 0) {
            throw invalid(raw, "a window replaces at least one send or receive, got sends 0 and recvs 0");
        }
        if (event.sends == 0 && event.sentBytes > 0 || event.receives == 0 && event.receivedBytes > 0) {
            throw invalid(raw, "bytes without the events that carried them (sent " + event.sentBytes + " in "
                    + event.sends + " sends, recv " + event.receivedBytes + " in " + event.receives + " recvs)");
        }
        long first = RawProps.integer(raw, CoalescedTransfers.FIRST, Long.MIN_VALUE, Long.MAX_VALUE);
        event.lastTs = RawProps.integer(raw, CoalescedTransfers.LAST, first, Long.MAX_VALUE);
        if (first != raw.ts()) {
            throw invalid(raw, "the envelope ts " + raw.ts() + " must equal 'first' " + first);
        }
    }

    private static RawEventException invalid(RawEvent raw, String reason) {
        return new RawEventException(raw.provider() + " " + raw.id() + ": " + reason);
    }
}
