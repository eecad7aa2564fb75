package io.etwcorr.jobs.normalize;

import static io.etwcorr.jobs.normalize.RawProps.UINT16_MAX;
import static io.etwcorr.jobs.normalize.RawProps.UINT32_MAX;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.schemas.etw.CoalescedTransfers;
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

    static void normalize(RawEventView raw, EtwEvent event) throws RawEventException {
        String transport = RawProps.string(raw, EventProp.TRANSPORT, 16);
        boolean tcp = CoalescedTransfers.TCP.equals(transport);
        if (!tcp && !CoalescedTransfers.UDP.equals(transport)) {
            throw RawProps.invalid(raw, "transport must be 'tcp' or 'udp', got '" + transport + "'");
        }
        event.kind = tcp ? EventKind.TCP_TRANSFERS : EventKind.UDP_TRANSFERS;
        event.pid = RawProps.integer(raw, EventProp.PID, 0, UINT32_MAX);
        event.localIp = RawProps.ipAddress(raw, EventProp.SADDR);
        event.localPort = (int) RawProps.integer(raw, EventProp.SPORT, 0, UINT16_MAX);
        event.remoteIp = RawProps.ipAddress(raw, EventProp.DADDR);
        event.remotePort = (int) RawProps.integer(raw, EventProp.DPORT, 0, UINT16_MAX);
        if (tcp) {
            event.connId = RawProps.optionalUnsigned64(raw, EventProp.CONNID);
            if (event.connId == -1) {
                throw RawProps.invalid(raw, "a tcp window needs property '" + EventProp.CONNID.manifestName + "'");
            }
        }
        event.sentBytes = RawProps.integer(raw, EventProp.SENT, 0, Long.MAX_VALUE);
        event.receivedBytes = RawProps.integer(raw, EventProp.RECV, 0, Long.MAX_VALUE);
        event.sends = RawProps.integer(raw, EventProp.SENDS, 0, Long.MAX_VALUE);
        event.receives = RawProps.integer(raw, EventProp.RECVS, 0, Long.MAX_VALUE);
        if (event.sends + event.receives == 0) {
            throw RawProps.invalid(raw, "a window replaces at least one send or receive, got sends 0 and recvs 0");
        }
        if (event.sends == 0 && event.sentBytes > 0 || event.receives == 0 && event.receivedBytes > 0) {
            throw RawProps.invalid(raw, "bytes without the events that carried them (sent " + event.sentBytes + " in "
                    + event.sends + " sends, recv " + event.receivedBytes + " in " + event.receives + " recvs)");
        }
        long first = RawProps.integer(raw, EventProp.FIRST, Long.MIN_VALUE, Long.MAX_VALUE);
        event.lastTs = RawProps.integer(raw, EventProp.LAST, first, Long.MAX_VALUE);
        if (first != raw.envelope().ts()) {
            throw RawProps.invalid(raw, "the envelope ts " + raw.envelope().ts() + " must equal 'first' " + first);
        }
    }
}
