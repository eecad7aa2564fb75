package io.etwcorr.simulator;

/** Something a simulated host does over time: runs at a time, logs events at or after it, says when it runs next. */
interface Activity {
    /** Returned by {@link #run} when the activity is over. */
    long DONE = Long.MAX_VALUE;

    /** Acts at {@code now} (events at or after {@code now} only) and returns the next time to act, or {@link #DONE}. */
    long run(HostSimulator host, long now);
}
