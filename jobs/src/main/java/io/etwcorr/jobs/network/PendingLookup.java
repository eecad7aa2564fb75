package io.etwcorr.jobs.network;

/**
 * A DNS answer no connection has used yet (keyed state of {@link ProcessNetworkCorrelator}, written by {@link PendingLookupSerializer}).
 * If none does within the window it becomes a DNS-only callback.
 */
public final class PendingLookup {
    public String queryName;
    public long ts;
    public String[] addresses;

    public PendingLookup() {}

    public PendingLookup(String queryName, long ts, String[] addresses) {
        this.queryName = queryName;
        this.ts = ts;
        this.addresses = addresses;
    }
}
