package io.etwcorr.collector.selftest;

import java.util.List;

/**
 * What the self-test's own process did, which the decoded events must show.
 *
 * @param pid this process
 * @param resolvedName the name it resolved
 * @param resolvedAddresses the addresses the resolver returned (empty when the name did not resolve)
 * @param listenerAddress the IPv4 address of the TCP listener it started ({@code 127.0.0.1})
 * @param listenerPort the listener's port
 * @param clientPort the local port of its connection to the listener
 * @param bytesToListener bytes it sent to the listener
 * @param bytesFromListener bytes the listener sent back
 * @param childPid the child process it started and waited for
 * @param childImage the child's image file name, e.g. {@code cmd.exe}
 * @param childExitCode the child's exit code
 */
public record StimulusReport(int pid, String resolvedName, List<String> resolvedAddresses, String listenerAddress,
        int listenerPort, int clientPort, long bytesToListener, long bytesFromListener, int childPid, String childImage,
        int childExitCode) {
    public StimulusReport {
        resolvedAddresses = List.copyOf(resolvedAddresses);
    }
}
