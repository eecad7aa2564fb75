package io.etwcorr.collector.enrich;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers from maps; counts the calls; can hold lookups until released, like a hung domain lookup. */
public final class FakeHostQueries implements HostQueries {
    public final Map<String, String> deviceTargets = new HashMap<>();
    public final Map<Integer, String> commandLines = new HashMap<>();
    public final Map<Integer, String> userSids = new HashMap<>();
    public final Map<String, String> accounts = new HashMap<>();
    public String windowsVersion = "Windows 11 Pro 23H2, build 22631.3447";
    public final AtomicInteger deviceQueries = new AtomicInteger();
    public final AtomicInteger accountQueries = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    /** C: on HarddiskVolume3, process {@code pid} run by WS-0042\a with {@code commandLine}. */
    public static FakeHostQueries workstation(int pid, String commandLine) {
        FakeHostQueries queries = new FakeHostQueries();
        queries.deviceTargets.put("C:", "\\Device\\HarddiskVolume3");
        queries.commandLines.put(pid, commandLine);
        queries.userSids.put(pid, "S-1-5-21-1004336348-1177238915-682003330-1001");
        queries.accounts.put("S-1-5-21-1004336348-1177238915-682003330-1001", "WS-0042\\a");
        return queries;
    }

    /** Process lookups block until {@link #release()}. */
    public void holdLookups() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    @Override
    public String dosDeviceTarget(String drive) {
        deviceQueries.incrementAndGet();
        return deviceTargets.get(drive);
    }

    @Override
    public String commandLine(int pid) {
        awaitRelease();
        return commandLines.get(pid);
    }

    @Override
    public String tokenUserSid(int pid) {
        awaitRelease();
        return userSids.get(pid);
    }

    @Override
    public String accountName(String sid) {
        accountQueries.incrementAndGet();
        return accounts.get(sid);
    }

    @Override
    public String windowsVersion() {
        return windowsVersion;
    }

    private void awaitRelease() {
        try {
            hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
