package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwProvider;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Microsoft-Windows-DNS-Client query events 3006, 3008 (logged in the calling process) and
 * 3009–3020 (logged by the DNS cache service: version 1 appends ClientPID, the requesting process;
 * version 2 appends the service's blob pointers).
 */
public final class DnsClientDecoder {
    private DnsClientDecoder() {
    }

    /** The decoders of every DNS-Client layout, by event. */
    public static Map<EventKey, PayloadDecoder> decoders() {
        Map<EventKey, PayloadDecoder> decoders = new HashMap<>();
        register(decoders, 3006, 0, DnsClientDecoder::queryStarted);
        register(decoders, 3008, 0, DnsClientDecoder::queryCompleted);
        register(decoders, 3009, 2, DnsClientDecoder::networkQuerySent, "QueryBlob", "ParentBlob");
        register(decoders, 3010, 1, DnsClientDecoder::querySentToServer);
        register(decoders, 3011, 2, DnsClientDecoder::responseFromServer, "SendBlob", "SendBlobContext");
        register(decoders, 3016, 2, DnsClientDecoder::cacheLookup, "QueryBlob");
        register(decoders, 3018, 2, DnsClientDecoder::cacheAnswer, "QueryBlob");
        register(decoders, 3019, 2, DnsClientDecoder::networkQuery, "QueryBlob");
        register(decoders, 3020, 2, DnsClientDecoder::networkAnswer, "QueryBlob");
        return decoders;
    }

    private static LinkedHashMap<String, Object> queryStarted(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = nameTypeOptions(payload);
        props.put("ServerList", payload.unicodeString("ServerList"));
        props.put("IsNetworkQuery", payload.u32("IsNetworkQuery"));
        props.put("NetworkQueryIndex", payload.u32("NetworkQueryIndex"));
        props.put("InterfaceIndex", payload.u32("InterfaceIndex"));
        props.put("IsAsyncQuery", payload.u32("IsAsyncQuery"));
        return props;
    }

    private static LinkedHashMap<String, Object> queryCompleted(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = nameTypeOptions(payload);
        props.put("QueryStatus", payload.u32("QueryStatus"));
        props.put("QueryResults", payload.unicodeString("QueryResults"));
        return props;
    }

    private static LinkedHashMap<String, Object> networkQuerySent(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = new LinkedHashMap<>();
        props.put("QueryName", payload.unicodeString("QueryName"));
        props.put("IsParallelNetworkQuery", payload.u32("IsParallelNetworkQuery"));
        props.put("NetworkIndex", payload.u32("NetworkIndex"));
        props.put("InterfaceCount", payload.u32("InterfaceCount"));
        props.put("AdapterName", payload.unicodeString("AdapterName"));
        props.put("LocalAddress", payload.unicodeString("LocalAddress"));
        props.put("DNSServerAddress", payload.unicodeString("DNSServerAddress"));
        return props;
    }

    private static LinkedHashMap<String, Object> querySentToServer(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = nameType(payload);
        props.put("DnsServerIpAddress", payload.unicodeString("DnsServerIpAddress"));
        return props;
    }

    private static LinkedHashMap<String, Object> responseFromServer(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = querySentToServer(payload);
        props.put("ResponseStatus", payload.u32("ResponseStatus"));
        return props;
    }

    private static LinkedHashMap<String, Object> cacheLookup(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = nameTypeOptions(payload);
        props.put("InterfaceIndex", payload.u32("InterfaceIndex"));
        return props;
    }

    private static LinkedHashMap<String, Object> cacheAnswer(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = nameTypeOptions(payload);
        props.put("Status", payload.u32("Status"));
        props.put("QueryResults", payload.unicodeString("QueryResults"));
        return props;
    }

    private static LinkedHashMap<String, Object> networkQuery(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = nameType(payload);
        props.put("InterfaceIndex", payload.u32("InterfaceIndex"));
        props.put("NetworkIndex", payload.u32("NetworkIndex"));
        return props;
    }

    private static LinkedHashMap<String, Object> networkAnswer(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = nameType(payload);
        props.put("NetworkIndex", payload.u32("NetworkIndex"));
        props.put("InterfaceIndex", payload.u32("InterfaceIndex"));
        props.put("Status", payload.u32("Status"));
        props.put("QueryResults", payload.unicodeString("QueryResults"));
        return props;
    }

    private static LinkedHashMap<String, Object> nameType(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = new LinkedHashMap<>();
        props.put("QueryName", payload.unicodeString("QueryName"));
        props.put("QueryType", payload.u32("QueryType"));
        return props;
    }

    private static LinkedHashMap<String, Object> nameTypeOptions(PayloadReader payload) throws PayloadException {
        LinkedHashMap<String, Object> props = nameType(payload);
        props.put("QueryOptions", payload.u64("QueryOptions"));
        return props;
    }

    /**
     * Registers versions 0..{@code maxVersion} of {@code id}: {@code base} reads the version 0
     * fields, version 1 appends ClientPID, version 2 appends the {@code blobPointers}.
     */
    private static void register(Map<EventKey, PayloadDecoder> decoders, int id, int maxVersion, PayloadDecoder base,
            String... blobPointers) {
        for (int version = 0; version <= maxVersion; version++) {
            int v = version;
            decoders.put(new EventKey(EtwProvider.DNS_CLIENT.guid(), id, v), payload -> {
                LinkedHashMap<String, Object> props = base.decode(payload);
                if (v >= 1) {
                    props.put("ClientPID", payload.u32("ClientPID"));
                }
                if (v >= 2) {
                    for (String blob : blobPointers) {
                        props.put(blob, payload.pointer(blob));
                    }
                }
                return props;
            });
        }
    }
}
