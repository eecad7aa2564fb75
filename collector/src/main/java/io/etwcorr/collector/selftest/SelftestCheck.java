package io.etwcorr.collector.selftest;

/**
 * One line of the self-test's table.
 *
 * @param name what was checked
 * @param passed whether the decoded events show it
 * @param detail what was seen (or missed), so a failure says where to look
 */
public record SelftestCheck(String name, boolean passed, String detail) {
}
