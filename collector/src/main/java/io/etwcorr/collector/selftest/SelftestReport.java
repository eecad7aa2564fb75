package io.etwcorr.collector.selftest;

import io.etwcorr.collector.survey.TextTable;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * The self-test's outcome: the host's Windows version, what the test did, every check, and the
 * event versions each provider sent.
 */
public record SelftestReport(String windowsVersion, StimulusReport done, List<SelftestCheck> checks,
        Map<String, SortedMap<Integer, SortedSet<Integer>>> versionsSeen) {

    public SelftestReport {
        checks = List.copyOf(checks);
        versionsSeen = Map.copyOf(versionsSeen);
    }

    public boolean passed() {
        return checks.stream().allMatch(SelftestCheck::passed);
    }

    /** The pass/fail table, then the versions seen per provider, then one summary line. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("etwcorr collector selftest on ").append(windowsVersion == null ? "an unknown Windows version" : windowsVersion)
                .append(", pid ").append(done.pid()).append("\n\n");
        TextTable table = new TextTable(List.of("check", "result", "seen"),
                List.of(TextTable.Align.LEFT, TextTable.Align.LEFT, TextTable.Align.LEFT));
        checks.forEach(check -> table.add(List.of(check.name(), check.passed() ? "PASS" : "FAIL", check.detail())));
        out.append(table.render()).append('\n');
        TextTable versions = new TextTable(List.of("provider", "event ids and versions seen"),
                List.of(TextTable.Align.LEFT, TextTable.Align.LEFT));
        versionsSeen.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(provider -> versions.add(List.of(
                provider.getKey(), provider.getValue().entrySet().stream()
                        .map(id -> id.getKey() + " v" + id.getValue().stream().map(String::valueOf).collect(Collectors.joining("/")))
                        .collect(Collectors.joining(", ")))));
        out.append(versionsSeen.isEmpty() ? "no events decoded\n" : versions.render()).append('\n');
        long passed = checks.stream().filter(SelftestCheck::passed).count();
        out.append(passed).append(" of ").append(checks.size()).append(" checks passed")
                .append(passed() ? ": this host's events decode as the jobs expect.\n" : ".\n");
        return out.toString();
    }
}
