package io.etwcorr.jobs.network;

/**
 * Bytes and packets of one process to one remote endpoint in one event-time bucket (keyed state
 * of {@link ProcessNetworkCorrelator}, written by {@link FlowBucketSerializer}).
 */
public final class FlowBucket {
    public long start;
    public String transport;
    public String localIp;
    public String remoteIp;
    public int remotePort;
    public String domain;
    public long bytesOut;
    public long bytesIn;
    public long packetsOut;
    public long packetsIn;

    public FlowBucket() {}
}
