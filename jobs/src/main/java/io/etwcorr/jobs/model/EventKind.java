package io.etwcorr.jobs.model;

/** What a normalized {@link EtwEvent} describes; decides which of its fields are set. */
public enum EventKind {
    /** Kernel-Process 1: a process was created. */
    PROCESS_START,
    /** Kernel-Process 15: a process that was already running when the ETW session started. */
    PROCESS_RUNDOWN,
    /** Kernel-Process 2: a process exited. */
    PROCESS_STOP,
    /** Kernel-Process 3: a thread was created, possibly by another process (remote thread). */
    THREAD_START,
    /** DNS-Client 3006: a query started. */
    DNS_QUERY,
    /** DNS-Client 3008, 3018, 3020: a query completed, from the cache or the network. */
    DNS_ANSWER,
    /** Kernel-Network 12 / 28: outbound TCP connection attempted. */
    TCP_CONNECT,
    /** Kernel-Network 15 / 31: inbound TCP connection accepted. */
    TCP_ACCEPT,
    /** Kernel-Network 10 / 26. */
    TCP_SEND,
    /** Kernel-Network 11 / 27. */
    TCP_RECEIVE,
    /** Kernel-Network 13 / 29. */
    TCP_DISCONNECT,
    /** Kernel-Network 14 / 30. */
    TCP_RETRANSMIT,
    /** Kernel-Network 16 / 32. */
    TCP_RECONNECT,
    /** Kernel-Network 42 / 58. */
    UDP_SEND,
    /** Kernel-Network 43 / 59. */
    UDP_RECEIVE,
    /** EtwCorrelation-Collector 1: the collector's periodic loss and throughput counters. */
    HEARTBEAT,
    /**
     * Valid input from a provider or event id the jobs do not correlate; only the envelope is set.
     * Counted downstream, not an error.
     */
    PASSED_OVER,
    /**
     * A record of a known host that broke the contract in normalization (its dead letter went out
     * separately): only the envelope is set, so that health counts it and its seq is no gap.
     */
    INVALID,
    /**
     * Not an ETW event: the host's watermark reached {@code ts}, sent to a process so that its
     * buckets close and its expired state goes even while it is silent.
     */
    TICK,
    /**
     * EtwCorrelation-Collector 2 with transport tcp: one connection's TCP sends and receives of one
     * burst window, coalesced by the collector; stands for the TCP_SEND and TCP_RECEIVE events it replaces.
     */
    TCP_TRANSFERS,
    /** EtwCorrelation-Collector 2 with transport udp: as {@link #TCP_TRANSFERS}, for UDP_SEND and UDP_RECEIVE. */
    UDP_TRANSFERS
}
