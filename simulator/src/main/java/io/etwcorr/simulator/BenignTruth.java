package io.etwcorr.simulator;

/**
 * A benign (process, destination) pair that is periodic on purpose; a detector that alerts on it is wrong.
 *
 * @param label always {@value #LABEL}
 */
public record BenignTruth(String label, String host, String entityId, int pid, String image, String destination, BenignCategory category) {
    public static final String LABEL = "benign";

    public BenignTruth {
        if (!LABEL.equals(label)) {
            throw new IllegalArgumentException("label must be " + LABEL + ", got " + label);
        }
    }
}
