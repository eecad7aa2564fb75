package io.etwcorr.simulator;

/** How an implant calls back on the wire. */
public enum BeaconMode {
    /** Each callback resolves the C2 name (when it has one), connects, sends, receives and closes. */
    NEW_CONNECTION,
    /** One TCP connection for the implant's life; each callback is a send burst and a receive on it. */
    KEEP_ALIVE,
    /** Each callback is a DNS lookup of a fresh subdomain of the C2 domain; no connections at all. */
    DNS_ONLY
}
