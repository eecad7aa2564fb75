package io.etwcorr.schemas.etw;

import static io.etwcorr.schemas.etw.EtwProvider.DNS_CLIENT;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Microsoft-Windows-DNS-Client query events (docs/contract/etw-layouts.md): 3006 and 3008 are
 * logged in the calling process; 3009–3020 by the DNS cache service, where version 1 appends
 * ClientPID (the requesting process) and version 2 the service's blob pointers.
 */
public final class DnsClient {
    public static final int QUERY_STARTED = 3006;
    public static final int QUERY_COMPLETED = 3008;
    public static final int NETWORK_QUERY_SENT = 3009;
    public static final int QUERY_SENT_TO_SERVER = 3010;
    public static final int RESPONSE_FROM_SERVER = 3011;
    public static final int CACHE_LOOKUP = 3016;
    public static final int CACHE_ANSWER = 3018;
    public static final int NETWORK_QUERY = 3019;
    public static final int NETWORK_ANSWER = 3020;

    public static final String QUERY_NAME = "QueryName";
    public static final String QUERY_TYPE = "QueryType";
    public static final String QUERY_OPTIONS = "QueryOptions";
    public static final String SERVER_LIST = "ServerList";
    public static final String IS_NETWORK_QUERY = "IsNetworkQuery";
    public static final String NETWORK_QUERY_INDEX = "NetworkQueryIndex";
    public static final String INTERFACE_INDEX = "InterfaceIndex";
    public static final String IS_ASYNC_QUERY = "IsAsyncQuery";
    /** The status of 3008; the cache service's events call it {@link #STATUS}. */
    public static final String QUERY_STATUS = "QueryStatus";
    public static final String QUERY_RESULTS = "QueryResults";
    public static final String IS_PARALLEL_NETWORK_QUERY = "IsParallelNetworkQuery";
    public static final String NETWORK_INDEX = "NetworkIndex";
    public static final String INTERFACE_COUNT = "InterfaceCount";
    public static final String ADAPTER_NAME = "AdapterName";
    public static final String LOCAL_ADDRESS = "LocalAddress";
    public static final String DNS_SERVER_ADDRESS = "DNSServerAddress";
    public static final String DNS_SERVER_IP_ADDRESS = "DnsServerIpAddress";
    public static final String RESPONSE_STATUS = "ResponseStatus";
    public static final String STATUS = "Status";
    public static final String CLIENT_PID = "ClientPID";
    public static final String QUERY_BLOB = "QueryBlob";
    public static final String PARENT_BLOB = "ParentBlob";
    public static final String SEND_BLOB = "SendBlob";
    public static final String SEND_BLOB_CONTEXT = "SendBlobContext";

    private DnsClient() {
    }

    static List<EventLayout> layouts() {
        List<EventLayout> layouts = new ArrayList<>();
        layouts.add(nameTypeOptions().unicode(SERVER_LIST).u32(IS_NETWORK_QUERY).u32(NETWORK_QUERY_INDEX)
                .u32(INTERFACE_INDEX).u32(IS_ASYNC_QUERY).build(DNS_CLIENT, QUERY_STARTED, 0));
        layouts.add(nameTypeOptions().u32(QUERY_STATUS).unicode(QUERY_RESULTS).build(DNS_CLIENT, QUERY_COMPLETED, 0));
        addCacheServiceVersions(layouts, NETWORK_QUERY_SENT, 2, () -> new LayoutBuilder().unicode(QUERY_NAME)
                .u32(IS_PARALLEL_NETWORK_QUERY).u32(NETWORK_INDEX).u32(INTERFACE_COUNT).unicode(ADAPTER_NAME)
                .unicode(LOCAL_ADDRESS).unicode(DNS_SERVER_ADDRESS), QUERY_BLOB, PARENT_BLOB);
        addCacheServiceVersions(layouts, QUERY_SENT_TO_SERVER, 1, () -> nameType().unicode(DNS_SERVER_IP_ADDRESS));
        addCacheServiceVersions(layouts, RESPONSE_FROM_SERVER, 2,
                () -> nameType().unicode(DNS_SERVER_IP_ADDRESS).u32(RESPONSE_STATUS), SEND_BLOB, SEND_BLOB_CONTEXT);
        addCacheServiceVersions(layouts, CACHE_LOOKUP, 2, () -> nameTypeOptions().u32(INTERFACE_INDEX), QUERY_BLOB);
        addCacheServiceVersions(layouts, CACHE_ANSWER, 2, () -> nameTypeOptions().u32(STATUS).unicode(QUERY_RESULTS),
                QUERY_BLOB);
        addCacheServiceVersions(layouts, NETWORK_QUERY, 2, () -> nameType().u32(INTERFACE_INDEX).u32(NETWORK_INDEX),
                QUERY_BLOB);
        addCacheServiceVersions(layouts, NETWORK_ANSWER, 2,
                () -> nameType().u32(NETWORK_INDEX).u32(INTERFACE_INDEX).u32(STATUS).unicode(QUERY_RESULTS), QUERY_BLOB);
        return layouts;
    }

    /** Versions 0..{@code maxVersion} of {@code id}: v1 appends ClientPID, v2 the {@code blobPointers}. */
    private static void addCacheServiceVersions(List<EventLayout> layouts, int id, int maxVersion,
            Supplier<LayoutBuilder> versionZero, String... blobPointers) {
        for (int version = 0; version <= maxVersion; version++) {
            LayoutBuilder layout = versionZero.get();
            if (version >= 1) {
                layout.u32(CLIENT_PID);
            }
            if (version >= 2) {
                for (String blob : blobPointers) {
                    layout.pointer(blob);
                }
            }
            layouts.add(layout.build(DNS_CLIENT, id, version));
        }
    }

    private static LayoutBuilder nameType() {
        return new LayoutBuilder().unicode(QUERY_NAME).u32(QUERY_TYPE);
    }

    private static LayoutBuilder nameTypeOptions() {
        return nameType().u64(QUERY_OPTIONS);
    }
}
