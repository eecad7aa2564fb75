package io.etwcorr.jobs.model;

import java.util.Locale;

/**
 * One callback of a process toward a destination: an outbound connection, a send burst after an
 * idle gap on an existing connection, or a DNS lookup that no connection followed. The stream of
 * callbacks per (host, process, destination) is what beacon scoring looks at. A Flink POJO; times
 * are host event time, µs since the epoch.
 */
public final class Callback {
    public String host;
    public long pid = -1;
    public String entityId;
    /** The process image (DOS path when known), for the allowlist and the process group. */
    public String executable;
    /** The process's command line with volatile tokens replaced (its process group), "" when unknown. */
    public String groupCommandLine = "";
    /**
     * The executable of the process's parent (lower case) as the host's process table knew it at the
     * callback, "" when unknown: part of the process group, named by the lineage's ParentExecutables.
     */
    public String parentExecutable = "";
    /** The destination key: the resolved domain when known, else {@code ip:port}. */
    public String destination;
    public String domain;
    public String ip;
    /** How it went: tcp, udp, or dns for a lookup no connection used. */
    public String transport;
    public int port = -1;
    public long ts;
    /** Bytes the process sent and received in this callback; -1 for DNS-only callbacks. */
    public long bytesOut = -1;
    public long bytesIn = -1;

    public Callback() {}

    /** The key of the scoring state: one stream per host, process instance and destination. */
    public String scoringKey() {
        return host + '|' + entityId + '|' + destination;
    }

    /**
     * The key of the process-group scoring state: one stream per host, executable, parent executable,
     * normalized command line and destination, whichever instance called back (a task starting a
     * process per callback).
     */
    public String groupKey() {
        return host + '|' + (executable == null ? "" : executable.toLowerCase(Locale.ROOT)) + '|'
                + parentExecutable + '|' + groupCommandLine + '|' + destination;
    }
}
