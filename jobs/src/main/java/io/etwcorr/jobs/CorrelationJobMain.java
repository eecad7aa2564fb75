package io.etwcorr.jobs;

import picocli.CommandLine;

/**
 * Main class of the job jar for {@code flink run}: the same options as {@code etwcorr job}. The
 * job runs outside picocli's error handling, because Flink's client signals plan extraction (web
 * UI submission, application mode) with exceptions that must reach it.
 */
public final class CorrelationJobMain {
    private CorrelationJobMain() {}

    public static void main(String[] args) throws Exception {
        JobCommand job = new JobCommand();
        CommandLine commandLine = new CommandLine(job);
        commandLine.parseArgs(args);
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return;
        }
        job.call();
    }
}
