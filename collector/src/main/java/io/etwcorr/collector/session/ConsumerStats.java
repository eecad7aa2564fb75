package io.etwcorr.collector.session;

/**
 * The consumer's counters since start.
 *
 * @param emitted records handed to the sink, heartbeats included (the next seq)
 * @param queueDrops decoded events dropped because the queue was full
 * @param sinkFailures records the sink refused with an exception
 * @param filtered decoded events the filter dropped
 * @param undecoded records of layouts no manifest decoder knows
 * @param malformed records whose payload did not match its layout
 */
public record ConsumerStats(long emitted, long queueDrops, long sinkFailures, long filtered, long undecoded, long malformed) {
}
