package io.etwcorr.schemas.etw;

import static io.etwcorr.schemas.etw.EtwProvider.KERNEL_NETWORK;

import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft-Windows-Kernel-Network TCP/UDP events (docs/contract/etw-layouts.md layouts A, B, C,
 * their IPv6 twins A6, B6, C6, and F), all version 0. The opcode of each event is its id.
 */
public final class KernelNetwork {
    public static final int TCP_SEND_V4 = 10;
    public static final int TCP_RECEIVE_V4 = 11;
    public static final int TCP_CONNECT_V4 = 12;
    public static final int TCP_DISCONNECT_V4 = 13;
    public static final int TCP_RETRANSMIT_V4 = 14;
    public static final int TCP_ACCEPT_V4 = 15;
    public static final int TCP_RECONNECT_V4 = 16;
    public static final int TCP_FAIL = 17;
    public static final int TCP_COPY_V4 = 18;
    public static final int UDP_SEND_V4 = 42;
    public static final int UDP_RECEIVE_V4 = 43;
    public static final int UDP_FAIL = 49;
    /** Every IPv4 TCP and UDP event with endpoints has an IPv6 twin numbered 16 higher (10 → 26, 42 → 58). */
    public static final int IPV6_OFFSET = 16;
    public static final int TCP_SEND_V6 = TCP_SEND_V4 + IPV6_OFFSET;
    public static final int TCP_RECEIVE_V6 = TCP_RECEIVE_V4 + IPV6_OFFSET;
    public static final int TCP_CONNECT_V6 = TCP_CONNECT_V4 + IPV6_OFFSET;
    public static final int TCP_DISCONNECT_V6 = TCP_DISCONNECT_V4 + IPV6_OFFSET;
    public static final int TCP_RETRANSMIT_V6 = TCP_RETRANSMIT_V4 + IPV6_OFFSET;
    public static final int TCP_ACCEPT_V6 = TCP_ACCEPT_V4 + IPV6_OFFSET;
    public static final int TCP_RECONNECT_V6 = TCP_RECONNECT_V4 + IPV6_OFFSET;
    public static final int TCP_COPY_V6 = TCP_COPY_V4 + IPV6_OFFSET;
    public static final int UDP_SEND_V6 = UDP_SEND_V4 + IPV6_OFFSET;
    public static final int UDP_RECEIVE_V6 = UDP_RECEIVE_V4 + IPV6_OFFSET;

    /** The process, in the payload: the header ProcessId of these events is not reliable. */
    public static final String PID = "PID";
    public static final String SIZE = "size";
    public static final String DADDR = "daddr";
    public static final String SADDR = "saddr";
    public static final String DPORT = "dport";
    public static final String SPORT = "sport";
    public static final String STARTIME = "startime";
    public static final String ENDTIME = "endtime";
    public static final String SEQNUM = "seqnum";
    public static final String CONNID = "connid";
    public static final String MSS = "mss";
    public static final String SACKOPT = "sackopt";
    public static final String TSOPT = "tsopt";
    public static final String WSOPT = "wsopt";
    public static final String RCVWIN = "rcvwin";
    public static final String RCVWINSCALE = "rcvwinscale";
    public static final String SNDWINSCALE = "sndwinscale";
    public static final String PROTO = "Proto";
    public static final String FAILURE_CODE = "FailureCode";

    private static final int[] SEND_IDS = {TCP_SEND_V4};
    private static final int[] DATA_IDS = {TCP_RECEIVE_V4, TCP_DISCONNECT_V4, TCP_RETRANSMIT_V4, TCP_RECONNECT_V4,
        TCP_COPY_V4, UDP_SEND_V4, UDP_RECEIVE_V4};
    private static final int[] CONNECT_IDS = {TCP_CONNECT_V4, TCP_ACCEPT_V4};
    private static final int[] FAILURE_IDS = {TCP_FAIL, UDP_FAIL};

    private KernelNetwork() {
    }

    static List<EventLayout> layouts() {
        List<EventLayout> layouts = new ArrayList<>();
        for (boolean ipv6 : new boolean[] {false, true}) {
            int offset = ipv6 ? IPV6_OFFSET : 0;
            for (int id : SEND_IDS) {
                layouts.add(send(ipv6).build(KERNEL_NETWORK, id + offset, 0));
            }
            for (int id : DATA_IDS) {
                layouts.add(data(ipv6).build(KERNEL_NETWORK, id + offset, 0));
            }
            for (int id : CONNECT_IDS) {
                layouts.add(connect(ipv6).build(KERNEL_NETWORK, id + offset, 0));
            }
        }
        for (int id : FAILURE_IDS) {
            layouts.add(new LayoutBuilder().u16(PROTO).u16(FAILURE_CODE).build(KERNEL_NETWORK, id, 0));
        }
        return layouts;
    }

    /** Layouts A and A6: TCP data sent. */
    private static LayoutBuilder send(boolean ipv6) {
        return endpoints(ipv6).u32(STARTIME).u32(ENDTIME).u32(SEQNUM).u32(CONNID);
    }

    /** Layouts B and B6: received, disconnect, retransmit, reconnect, copy, UDP send and receive. */
    private static LayoutBuilder data(boolean ipv6) {
        return endpoints(ipv6).u32(SEQNUM).u32(CONNID);
    }

    /** Layouts C and C6: connect and accept, with the negotiated TCP options. */
    private static LayoutBuilder connect(boolean ipv6) {
        return endpoints(ipv6).u16(MSS).u16(SACKOPT).u16(TSOPT).u16(WSOPT).u32(RCVWIN).u16(RCVWINSCALE)
                .u16(SNDWINSCALE).u32(SEQNUM).u32(CONNID);
    }

    private static LayoutBuilder endpoints(boolean ipv6) {
        WireType address = ipv6 ? WireType.IPV6 : WireType.IPV4;
        return new LayoutBuilder().u32(PID).u32(SIZE).add(DADDR, address).add(SADDR, address)
                .add(DPORT, WireType.PORT).add(SPORT, WireType.PORT);
    }
}
