package io.etwcorr.collector.survey;

import com.sun.jna.Platform;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --stimulus "COMMAND"}: a shell command line (cmd.exe on Windows, sh elsewhere) run once
 * per batch. Its output is discarded by the OS, so a chatty command can never block on a full pipe,
 * its input is closed, so it cannot wait for a key, and it gets at most {@code timeLimit} of real time:
 * whatever still runs then, with its child processes, is stopped.
 */
public final class StimulusCommand implements Stimulus {
    private final String command;
    private final Duration timeLimit;

    public StimulusCommand(String command, Duration timeLimit) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the stimulus command is empty");
        }
        this.command = command;
        this.timeLimit = timeLimit;
    }

    @Override
    public Running start() {
        List<String> shell = Platform.isWindows() ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
        Process process;
        try {
            process = new ProcessBuilder(shell).redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new IllegalArgumentException("the stimulus command \"" + command + "\" did not start: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeLimit.toNanos();
        return () -> finish(process, deadline);
    }

    private String finish(Process process, long deadlineNanos) {
        try {
            if (process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return "exited with " + process.exitValue();
            }
            stop(process);
            return "stopped after " + timeLimit.toMillis() / 1000.0
                    + " s, still running at the end of its window";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            return "stopped: the survey was interrupted";
        }
    }

    /** The command's children first: cmd.exe and sh leave them running when only they are stopped. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return command;
    }
}
