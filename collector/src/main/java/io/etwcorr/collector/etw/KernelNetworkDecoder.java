package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwProvider;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Microsoft-Windows-Kernel-Network TCP/UDP events (etw-layouts.md layouts A, B, C, their IPv6
 * twins A6, B6, C6, and F). All are version 0.
 */
public final class KernelNetworkDecoder {
    private static final int[] SEND_IDS = {10};
    private static final int[] SEND6_IDS = {26};
    private static final int[] DATA_IDS = {11, 13, 14, 16, 18, 42, 43};
    private static final int[] DATA6_IDS = {27, 29, 30, 32, 34, 58, 59};
    private static final int[] CONNECT_IDS = {12, 15};
    private static final int[] CONNECT6_IDS = {28, 31};
    private static final int[] FAILURE_IDS = {17, 49};
    private static final int PROPS_CAPACITY = 32;

    private KernelNetworkDecoder() {
    }

    /** The decoders of every Kernel-Network layout, by event. */
    public static Map<EventKey, PayloadDecoder> decoders() {
        Map<EventKey, PayloadDecoder> decoders = new HashMap<>();
        register(decoders, SEND_IDS, payload -> send(payload, false));
        register(decoders, SEND6_IDS, payload -> send(payload, true));
        register(decoders, DATA_IDS, payload -> data(payload, false));
        register(decoders, DATA6_IDS, payload -> data(payload, true));
        register(decoders, CONNECT_IDS, payload -> connect(payload, false));
        register(decoders, CONNECT6_IDS, payload -> connect(payload, true));
        register(decoders, FAILURE_IDS, KernelNetworkDecoder::failure);
        return decoders;
    }

    /** Layouts A and A6: TCP data sent. */
    static LinkedHashMap<String, Object> send(PayloadReader payload, boolean ipv6) throws PayloadException {
        LinkedHashMap<String, Object> props = endpoints(payload, ipv6);
        props.put("startime", payload.u32("startime"));
        props.put("endtime", payload.u32("endtime"));
        props.put("seqnum", payload.u32("seqnum"));
        props.put("connid", payload.u32("connid"));
        return props;
    }

    /** Layouts B and B6: received, disconnect, retransmit, reconnect, copy, UDP send and receive. */
    static LinkedHashMap<String, Object> data(PayloadReader payload, boolean ipv6) throws PayloadException {
        LinkedHashMap<String, Object> props = endpoints(payload, ipv6);
        props.put("seqnum", payload.u32("seqnum"));
        props.put("connid", payload.u32("connid"));
        return props;
    }

    /** Layouts C and C6: connect and accept, with the negotiated TCP options. */
    static LinkedHashMap<String, Object> connect(PayloadReader payload, boolean ipv6) throws PayloadException {
        LinkedHashMap<String, Object> props = endpoints(payload, ipv6);
        props.put("mss", payload.u16("mss"));
        props.put("sackopt", payload.u16("sackopt"));
        props.put("tsopt", payload.u16("tsopt"));
        props.put("wsopt", payload.u16("wsopt"));
        props.put("rcvwin", payload.u32("rcvwin"));
        props.put("rcvwinscale", payload.u16("rcvwinscale"));
        props.put("sndwinscale", payload.u16("sndwinscale"));
        props.put("seqnum", payload.u32("seqnum"));
        props.put("connid", payload.u32("connid"));
        return props;
    }

    /** Layout F: TCP or UDP failure. */
    static LinkedHashMap<String, Object> failure(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = new LinkedHashMap<>();
        props.put("Proto", payload.u16("Proto"));
        props.put("FailureCode", payload.u16("FailureCode"));
        return props;
    }

    private static LinkedHashMap<String, Object> endpoints(PayloadReader payload, boolean ipv6) throws PayloadException {
        // Room for layout C's 15 props without a resize.
        LinkedHashMap<String, Object> props = new LinkedHashMap<>(PROPS_CAPACITY);
        props.put("PID", payload.u32("PID"));
        props.put("size", payload.u32("size"));
        props.put("daddr", ipv6 ? payload.ipv6("daddr") : payload.ipv4("daddr"));
        props.put("saddr", ipv6 ? payload.ipv6("saddr") : payload.ipv4("saddr"));
        props.put("dport", payload.port("dport"));
        props.put("sport", payload.port("sport"));
        return props;
    }

    private static void register(Map<EventKey, PayloadDecoder> decoders, int[] ids, PayloadDecoder decoder) {
        UUID provider = EtwProvider.KERNEL_NETWORK.guid();
        for (int id : ids) {
            decoders.put(new EventKey(provider, id, 0), decoder);
        }
    }
}
