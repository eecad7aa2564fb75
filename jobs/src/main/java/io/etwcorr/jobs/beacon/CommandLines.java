package io.etwcorr.jobs.beacon;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Command lines with their volatile tokens replaced, so that the instances of one scheduled task or
 * loop (a new process per callback) fall into one process group: GUIDs, long hex runs (temp file
 * names, tokens) and standalone numbers (PIDs, ports, counters, timestamps) become placeholders;
 * digits inside a word ({@code rundll32}) stay.
 */
public final class CommandLines {
    private static final Pattern GUID = Pattern.compile(
            "\\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}?");
    private static final Pattern HEX = Pattern.compile("(?<![0-9a-z])(?=[0-9a-f]*[0-9])[0-9a-f]{8,}(?![0-9a-z])");
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9a-z])[0-9]+(?![0-9a-z])");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CommandLines() {}

    /** The command line as a group compares it; empty when unknown. */
    public static String normalize(String commandLine) {
        if (commandLine == null) {
            return "";
        }
        String text = commandLine.toLowerCase(Locale.ROOT);
        text = GUID.matcher(text).replaceAll("<guid>");
        text = HEX.matcher(text).replaceAll("<hex>");
        text = NUMBER.matcher(text).replaceAll("<n>");
        return SPACES.matcher(text.trim()).replaceAll(" ");
    }
}
