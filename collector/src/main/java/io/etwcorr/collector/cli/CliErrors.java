package io.etwcorr.collector.cli;

import io.etwcorr.collector.etw.ProviderEnumerationException;
import io.etwcorr.collector.session.EtwCallException;
import picocli.CommandLine;

/**
 * How the command lines report a failure a user can act on (bad config, wrong platform, a file that
 * cannot be read, an ETW call refused, e.g. when not elevated): one line, no stack trace; anything else keeps its stack trace for a bug report.
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException
                || e instanceof java.io.IOException || e instanceof EtwCallException
                || e instanceof ProviderEnumerationException) {
            commandLine.getErr().println(commandLine.getCommandName() + ": " + e.getMessage());
            return 1;
        }
        throw e;
    }

    /** Windows-only commands say so before they open anything. */
    static void requireWindows(String what) {
        if (!com.sun.jna.Platform.isWindows()) {
            throw new UnsupportedOperationException(what + " needs Windows (ETW); elsewhere, `collector replay` "
                    + "sends recorded events through the same delivery");
        }
    }
}
