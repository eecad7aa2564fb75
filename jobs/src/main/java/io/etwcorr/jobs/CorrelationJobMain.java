package io.etwcorr.jobs;

import io.etwcorr.cli.JobCommand;
import picocli.CommandLine;

/** Main class of the job jar for {@code flink run}: the same options as {@code etwcorr job}. */
public final class CorrelationJobMain {
    private CorrelationJobMain() {}

    public static void main(String[] args) {
        int exit = new CommandLine(new JobCommand()).execute(args);
        if (exit != 0) {
            throw new IllegalStateException("etwcorr job exited with " + exit);
        }
    }
}
