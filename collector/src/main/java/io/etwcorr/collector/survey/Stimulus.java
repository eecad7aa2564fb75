package io.etwcorr.collector.survey;

/** What the survey does during each batch's stimulus window. */
public interface Stimulus {
    /**
     * Starts the stimulus at the start of the window.
     *
     * @throws IllegalArgumentException when it cannot start (the command does not exist, for one)
     */
    Running start();

    /** A started stimulus. */
    interface Running {
        /** Ends it at the end of the window (stopping what still runs) and says how it ended. */
        String finish();
    }
}
