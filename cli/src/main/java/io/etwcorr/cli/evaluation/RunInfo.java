package io.etwcorr.cli.evaluation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Where and when a report was made, and how to make it again. */
public record RunInfo(String date, String commit, int cores, String jvm, String command) {

    /** This machine and JVM, now; {@code commit} as {@code git rev-parse --short HEAD} gave it, or "unknown". */
    public static RunInfo here(String commit, String command) {
        return new RunInfo(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), commit, Runtime.getRuntime().availableProcessors(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")", command);
    }
}
