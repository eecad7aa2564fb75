package io.etwcorr.collector.enrich;

import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.raw.RawEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code x} of Kernel-Process events: {@code image} (the DOS form of ImageName) on ProcessStart,
 * ProcessStop and ProcessRundown, plus {@code cmdline} and {@code user} of the live process on
 * ProcessStart and ProcessRundown. Process lookups run on a thread of their own, and the sender waits
 * for one at most {@code budget}: a lookup that takes longer is given up (counted) and, while it is
 * still running, later events skip theirs (counted) rather than queue behind it. Strings are cut to
 * bounded lengths so a record stays within the contract's 64 KiB. {@link #x} is for one thread.
 */
public final class ProcessEnrichment implements Enrichment {
    static final int MAX_IMAGE_CHARS = 4096;
    static final int MAX_COMMAND_LINE_CHARS = 8192;
    static final int MAX_CACHED_ACCOUNTS = 1024;
    /** Local lookups take microseconds; a domain account lookup can hang on a slow DC. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(50);
    private static final String KERNEL_PROCESS = EtwProvider.KERNEL_PROCESS.guid().toString();
    private static final int PROCESS_START = 1;
    private static final int PROCESS_STOP = 2;
    private static final int PROCESS_RUNDOWN = 15;

    private final HostQueries queries;
    private final DosDeviceMap devices;
    private final Duration budget;
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "etw-process-lookup");
        thread.setDaemon(true);
        return thread;
    });
    // Touched by the lookup thread only. Misses are cached too (empty), so an unknown SID costs one lookup.
    private final Map<String, Optional<String>> accounts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
            return size() > MAX_CACHED_ACCOUNTS;
        }
    };
    private final LongAdder givenUp = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private Future<ProcessDetails> inFlight;

    public ProcessEnrichment(HostQueries queries, Clock clock, Duration budget) {
        this.queries = queries;
        this.devices = new DosDeviceMap(queries, clock);
        this.budget = budget;
    }

    @Override
    public Map<String, Object> x(RawEvent event) {
        if (!KERNEL_PROCESS.equals(event.guid())
                || (event.id() != PROCESS_START && event.id() != PROCESS_STOP && event.id() != PROCESS_RUNDOWN)) {
            return event.x();
        }
        Map<String, Object> x = new LinkedHashMap<>();
        String ntPath = event.propString("ImageName");
        String image = ntPath == null ? null : devices.dosPath(ntPath);
        if (image != null) {
            x.put("image", bounded(image, MAX_IMAGE_CHARS));
        }
        Long pid = event.propLong("ProcessID");
        if (event.id() != PROCESS_STOP && pid != null) {
            ProcessDetails details = detailsWithinBudget(pid.intValue());
            if (details.commandLine() != null) {
                x.put("cmdline", bounded(details.commandLine(), MAX_COMMAND_LINE_CHARS));
            }
            if (details.user() != null) {
                x.put("user", details.user());
            }
        }
        return x.isEmpty() ? null : x;
    }

    /** Process lookups that failed or took longer than the budget, since construction. */
    public long givenUp() {
        return givenUp.sum();
    }

    /** Process lookups not made because an earlier one was still running, since construction. */
    public long skipped() {
        return skipped.sum();
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }

    private ProcessDetails detailsWithinBudget(int pid) {
        if (inFlight != null && !inFlight.isDone()) {
            skipped.increment();
            return ProcessDetails.UNKNOWN;
        }
        inFlight = lookups.submit(() -> details(pid));
        try {
            return inFlight.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            givenUp.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ProcessDetails.UNKNOWN;
    }

    private ProcessDetails details(int pid) {
        String sid = queries.tokenUserSid(pid);
        String user = sid == null ? null : accounts.computeIfAbsent(sid, key -> Optional.ofNullable(queries.accountName(key)))
                .orElse(null);
        return new ProcessDetails(queries.commandLine(pid), user);
    }

    /** {@code text} cut to {@code max} chars, never between the halves of a surrogate pair. */
    static String bounded(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private record ProcessDetails(String commandLine, String user) {
        static final ProcessDetails UNKNOWN = new ProcessDetails(null, null);
    }
}
