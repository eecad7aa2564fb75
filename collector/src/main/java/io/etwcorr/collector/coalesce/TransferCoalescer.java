package io.etwcorr.collector.coalesce;

import io.etwcorr.schemas.etw.CoalescedTransfers;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.etw.KernelNetwork;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces the Kernel-Network sends and receives of one connection (TCP: PID + connid + endpoints;
 * UDP: PID + endpoints) into one coalesced-transfers record per burst window (docs/contract/raw-events.md,
 * "Collector records", id 2). Every other record passes through at once, in its order.
 *
 * <p>A window closes when its connection carried nothing for the idle gap, at the latest after the
 * maximum span (and at every multiple of the span in event time, so a window never straddles one of
 * the job's flow buckets), and always before a connect, disconnect, reconnect, accept or retransmit of
 * its connection passes through, so the job sees connect → transfers → disconnect in order. Idle
 * windows close on {@link #tick}; {@link #flush} closes all of them (at shutdown). Memory is bounded:
 * beyond {@code maxOpenWindows} the oldest window is flushed early (counted), never dropped.
 *
 * <p>Not thread-safe: the collector's sender thread owns it, off the ETW callback thread. Sends and
 * receives whose props are missing or mistyped pass through unchanged, for the job to dead-letter.
 */
public final class TransferCoalescer {
    private static final Logger LOG = LoggerFactory.getLogger(TransferCoalescer.class);
    private final long idleGapMicros;
    private final long maxSpanMicros;
    private final int maxOpenWindows;
    private final Consumer<RawEvent> downstream;
    /** In the order the windows opened: the first entry is the oldest. */
    private final LinkedHashMap<WindowKey, Window> open = new LinkedHashMap<>();
    private long coalescedEvents;
    private long recordsEmitted;
    private long overflowFlushes;

    /** @param downstream receives every record that goes out, in order (the collector numbers them there) */
    public TransferCoalescer(CoalesceSettings settings, Consumer<RawEvent> downstream) {
        this.idleGapMicros = settings.idleGapMicros();
        this.maxSpanMicros = settings.maxSpanMicros();
        this.maxOpenWindows = settings.maxOpenWindows();
        this.downstream = downstream;
    }

    /** Takes one record: a send or receive joins its connection's window, anything else passes through. */
    public void accept(RawEvent event) {
        if (!isKernelNetwork(event)) {
            downstream.accept(event);
            return;
        }
        int id = event.id();
        boolean send = isSend(id);
        if (!send && !isReceive(id)) {
            if (isTcpLifecycle(id)) {
                WindowKey key = WindowKey.of(event, true);
                if (key != null) {
                    close(key);
                }
            }
            downstream.accept(event);
            return;
        }
        WindowKey key = WindowKey.of(event, isTcp(id));
        Long size = event.propLong(KernelNetwork.SIZE);
        if (key == null || size == null || size < 0) {
            downstream.accept(event);
            return;
        }
        Window window = open.get(key);
        if (window != null && !window.admits(event.ts(), idleGapMicros, maxSpanMicros)) {
            close(key);
            window = null;
        }
        if (window == null) {
            if (open.size() >= maxOpenWindows) {
                if (overflowFlushes++ == 0) {
                    LOG.warn("more than {} connections carry data at once: the oldest windows are flushed early "
                            + "(coalesce.maxOpenWindows)", maxOpenWindows);
                }
                closeOldest();
            }
            window = new Window(event, key);
            open.put(key, window);
        }
        window.add(event.ts(), send, size);
        coalescedEvents++;
    }

    /**
     * Closes the windows that time {@code nowMicros} (wall clock live, newest event time in a replay)
     * has left idle for the idle gap or past their span.
     */
    public void tick(long nowMicros) {
        Iterator<Window> windows = open.values().iterator();
        while (windows.hasNext()) {
            Window window = windows.next();
            if (!window.admits(nowMicros, idleGapMicros, maxSpanMicros)) {
                windows.remove();
                emit(window);
            }
        }
    }

    /** Closes every open window, oldest first (at shutdown and at the end of a replay). */
    public void flush() {
        while (!open.isEmpty()) {
            closeOldest();
        }
    }

    /** Windows open now. */
    public int openWindows() {
        return open.size();
    }

    /** Sends and receives taken into windows so far. */
    public long coalescedEvents() {
        return coalescedEvents;
    }

    /** Coalesced-transfers records emitted so far. */
    public long recordsEmitted() {
        return recordsEmitted;
    }

    /** Windows flushed before their time because {@code maxOpenWindows} were open. */
    public long overflowFlushes() {
        return overflowFlushes;
    }

    private void closeOldest() {
        Iterator<Window> oldest = open.values().iterator();
        Window window = oldest.next();
        oldest.remove();
        emit(window);
    }

    private void close(WindowKey key) {
        Window window = open.remove(key);
        if (window != null) {
            emit(window);
        }
    }

    private void emit(Window window) {
        recordsEmitted++;
        downstream.accept(window.record());
    }

    private static boolean isKernelNetwork(RawEvent event) {
        return EtwProvider.KERNEL_NETWORK.providerName().equalsIgnoreCase(event.provider())
                || EtwProvider.KERNEL_NETWORK.guidText().equalsIgnoreCase(event.guid());
    }

    private static boolean isSend(int id) {
        return id == KernelNetwork.TCP_SEND_V4 || id == KernelNetwork.TCP_SEND_V6
                || id == KernelNetwork.UDP_SEND_V4 || id == KernelNetwork.UDP_SEND_V6;
    }

    private static boolean isReceive(int id) {
        return id == KernelNetwork.TCP_RECEIVE_V4 || id == KernelNetwork.TCP_RECEIVE_V6
                || id == KernelNetwork.UDP_RECEIVE_V4 || id == KernelNetwork.UDP_RECEIVE_V6;
    }

    private static boolean isTcp(int id) {
        return id < KernelNetwork.UDP_SEND_V4;
    }

    /** Connect, disconnect, retransmit, accept, reconnect (IPv4 and IPv6): the connection's window closes first. */
    private static boolean isTcpLifecycle(int id) {
        int v4 = id >= KernelNetwork.TCP_SEND_V6 && id <= KernelNetwork.TCP_RECONNECT_V6 ? id - KernelNetwork.IPV6_OFFSET : id;
        return v4 >= KernelNetwork.TCP_CONNECT_V4 && v4 <= KernelNetwork.TCP_RECONNECT_V4;
    }

    /**
     * One connection: TCP by PID, connid and endpoints, UDP by PID and endpoints. The connid is kept
     * as its JSON value (a number, or a decimal string above 2^63-1, as kernel addresses are).
     */
    private record WindowKey(boolean tcp, long pid, Object connid, String saddr, long sport, String daddr, long dport) {

        static WindowKey of(RawEvent event, boolean tcp) {
            Long pid = event.propLong(KernelNetwork.PID);
            String saddr = event.propString(KernelNetwork.SADDR);
            Long sport = event.propLong(KernelNetwork.SPORT);
            String daddr = event.propString(KernelNetwork.DADDR);
            Long dport = event.propLong(KernelNetwork.DPORT);
            Object connid = tcp ? event.props().get(KernelNetwork.CONNID) : null;
            if (pid == null || saddr == null || sport == null || daddr == null || dport == null
                    || tcp && !(connid instanceof Long || connid instanceof String)) {
                return null;
            }
            return new WindowKey(tcp, pid, connid, saddr, sport, daddr, dport);
        }
    }

    /** The sends and receives of one connection so far in this window. */
    private static final class Window {
        private final RawEvent opener;
        private final WindowKey key;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;
        private long sent;
        private long received;
        private int sends;
        private int receives;

        Window(RawEvent opener, WindowKey key) {
            this.opener = opener;
            this.key = key;
        }

        void add(long ts, boolean send, long size) {
            first = Math.min(first, ts);
            last = Math.max(last, ts);
            if (send) {
                sent += size;
                sends++;
            } else {
                received += size;
                receives++;
            }
        }

        /** Whether a transfer at {@code ts} still belongs here: not after the idle gap, not past the span. */
        boolean admits(long ts, long idleGapMicros, long maxSpanMicros) {
            return ts - last < idleGapMicros && ts - first < maxSpanMicros
                    && Math.floorDiv(ts, maxSpanMicros) == Math.floorDiv(first, maxSpanMicros);
        }

        RawEvent record() {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put(CoalescedTransfers.PID, key.pid());
            props.put(CoalescedTransfers.TRANSPORT, key.tcp() ? CoalescedTransfers.TCP : CoalescedTransfers.UDP);
            props.put(CoalescedTransfers.SADDR, key.saddr());
            props.put(CoalescedTransfers.SPORT, key.sport());
            props.put(CoalescedTransfers.DADDR, key.daddr());
            props.put(CoalescedTransfers.DPORT, key.dport());
            if (key.tcp()) {
                props.put(CoalescedTransfers.CONNID, key.connid());
            }
            props.put(CoalescedTransfers.SENT, sent);
            props.put(CoalescedTransfers.RECV, received);
            props.put(CoalescedTransfers.SENDS, (long) sends);
            props.put(CoalescedTransfers.RECVS, (long) receives);
            props.put(CoalescedTransfers.FIRST, first);
            props.put(CoalescedTransfers.LAST, last);
            return new RawEvent(opener.v(), opener.host(), opener.run(), opener.seq(), first, CoalescedTransfers.PROVIDER,
                    null, CoalescedTransfers.ID, CoalescedTransfers.VERSION, null, -1, -1, props, null);
        }
    }
}
