package io.etwcorr.collector.session;

/**
 * ETW's loss counters of the session since it started (EVENT_TRACE_PROPERTIES).
 *
 * @param eventsLost events the session could not write (EventsLost)
 * @param buffersLost full buffers no real-time consumer took in time (RealTimeBuffersLost)
 */
public record SessionLosses(long eventsLost, long buffersLost) {
    public static final SessionLosses NONE = new SessionLosses(0, 0);
}
