package io.etwcorr.schemas.etw;

/**
 * The collector's coalesced-transfers record (docs/contract/raw-events.md, "Collector records", id 2):
 * one record per connection per burst window, replacing that window's Kernel-Network sends and
 * receives. The collector writes it, the job's normalizer validates it, by these names.
 */
public final class CoalescedTransfers {
    public static final String PROVIDER = EtwCatalog.COLLECTOR_PROVIDER;
    public static final int ID = 2;
    public static final int VERSION = 0;

    public static final String PID = "PID";
    public static final String TRANSPORT = "transport";
    public static final String SADDR = "saddr";
    public static final String SPORT = "sport";
    public static final String DADDR = "daddr";
    public static final String DPORT = "dport";
    public static final String CONNID = "connid";
    public static final String SENT = "sent";
    public static final String RECV = "recv";
    public static final String SENDS = "sends";
    public static final String RECVS = "recvs";
    public static final String FIRST = "first";
    public static final String LAST = "last";

    public static final String TCP = "tcp";
    public static final String UDP = "udp";

    private CoalescedTransfers() {
    }
}
