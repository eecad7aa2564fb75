package io.etwcorr.collector.service;

import java.util.List;

/**
 * Quotes a command for a service's binary path the way Windows parses command lines
 * (CommandLineToArgvW): an argument with spaces, tabs or quotes is quoted, its quotes escaped,
 * and the backslashes before a quote doubled. An unquoted path with spaces is also a classic
 * privilege-escalation hole for services.
 */
public final class ServiceCommandLine {
    private ServiceCommandLine() {}

    public static String of(List<String> arguments) {
        StringBuilder line = new StringBuilder();
        for (String argument : arguments) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(quote(argument));
        }
        return line.toString();
    }

    static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : argument.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                quoted.append("\\".repeat(2 * backslashes + 1)).append('"');
            } else {
                quoted.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        return quoted.append("\\".repeat(2 * backslashes)).append('"').toString();
    }
}
