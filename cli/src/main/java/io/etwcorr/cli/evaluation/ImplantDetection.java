package io.etwcorr.cli.evaluation;

/**
 * What our detector found for one implant.
 *
 * @param detected                 an alert names the implant's process and its C2 destination
 * @param callbacksUntilFirstAlert ground-truth callbacks made up to the first such alert's last callback; -1 when none
 * @param lineageCorrect           that alert's lineage has the expected processes, in order
 * @param patientZeroCorrect       that alert's patient zero is the expected process
 */
public record ImplantDetection(boolean detected, int callbacksUntilFirstAlert, boolean lineageCorrect, boolean patientZeroCorrect) {
    public static final ImplantDetection MISSED = new ImplantDetection(false, -1, false, false);
}
