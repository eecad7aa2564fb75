package io.etwcorr.simulator;

import io.etwcorr.schemas.etw.DnsClient;
import io.etwcorr.schemas.etw.EtwProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A lookup as only the DNS cache service (the Dnscache svchost.exe) logs it, version 1 with
 * ClientPID naming the process that asked (Windows 11): 3019/3020 when the answer comes from the
 * network, 3016/3018 when a cached answer within its TTL is handed out. The asking process logs
 * no 3006/3008 (docs/contract/raw-events.md).
 */
final class DnsCacheService {
    private static final int VERSION_WITH_CLIENT_PID = 1;
    private static final long QUERY_OPTIONS = 0x4000_0000_6000L;
    private static final int NETWORK_INDEX = 0;

    private final SimProcess service;
    private final long ttlMicros;
    private final Map<String, Long> cachedUntil = new HashMap<>();

    DnsCacheService(SimProcess service, long ttlS) {
        this.service = service;
        this.ttlMicros = ttlS * Micros.SECOND;
    }

    /** {@code client}'s lookup of {@code name} at {@code t}; returns when the answer was handed out. */
    long resolve(HostSimulator host, SplittableRandom random, long t, SimProcess client, String name, int queryType,
            SimulatedDnsAnswer answer, int interfaceIndex) {
        String key = name + '/' + queryType;
        boolean cached = cachedUntil.getOrDefault(key, Long.MIN_VALUE) > t;
        long answered = t + (cached ? Micros.millisBetween(random, 0.05, 0.5) : Micros.millisBetween(random, 5, 60));
        Props lookup = new Props();
        lookup.put(DnsClient.QUERY_NAME, name);
        lookup.put(DnsClient.QUERY_TYPE, queryType);
        Props result = new Props();
        result.put(DnsClient.QUERY_NAME, name);
        result.put(DnsClient.QUERY_TYPE, queryType);
        if (cached) {
            lookup.put(DnsClient.QUERY_OPTIONS, QUERY_OPTIONS);
            lookup.put(DnsClient.INTERFACE_INDEX, interfaceIndex);
            result.put(DnsClient.QUERY_OPTIONS, QUERY_OPTIONS);
        } else {
            lookup.put(DnsClient.INTERFACE_INDEX, interfaceIndex);
            lookup.put(DnsClient.NETWORK_INDEX, NETWORK_INDEX);
            result.put(DnsClient.NETWORK_INDEX, NETWORK_INDEX);
            result.put(DnsClient.INTERFACE_INDEX, interfaceIndex);
            cachedUntil.put(key, answered + ttlMicros);
        }
        lookup.put(DnsClient.CLIENT_PID, client.pid());
        result.put(DnsClient.STATUS, 0);
        result.put(DnsClient.QUERY_RESULTS, answer.results());
        result.put(DnsClient.CLIENT_PID, client.pid());
        host.emit(event(t, cached ? DnsClient.CACHE_LOOKUP : DnsClient.NETWORK_QUERY, lookup));
        host.emit(event(answered, cached ? DnsClient.CACHE_ANSWER : DnsClient.NETWORK_ANSWER, result));
        return answered;
    }

    private EventDraft event(long ts, int id, Props props) {
        return new EventDraft(ts, EtwProvider.DNS_CLIENT.providerName(), EtwProvider.DNS_CLIENT.guidText(), id,
                VERSION_WITH_CLIENT_PID, null, service.pid(), service.mainThread(), props, null);
    }
}
