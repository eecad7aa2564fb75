package io.etwcorr.collector.session;

import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.collector.etw.RegisteredProvider;
import io.etwcorr.collector.survey.BatchTally;
import io.etwcorr.collector.survey.Stimulus;
import io.etwcorr.collector.survey.SurveyPlan;
import io.etwcorr.collector.survey.SurveyProgress;
import io.etwcorr.collector.survey.SurveyResult;
import io.etwcorr.collector.survey.SurveyRow;
import io.etwcorr.collector.survey.SurveyRows;
import io.etwcorr.collector.survey.SurveyWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SurveyPlan}: one real-time session per batch, every provider of the batch enabled
 * in it at every level and keyword, a baseline window and, with a stimulus, a stimulus window,
 * then the session stopped. A provider that does not enable is recorded with the reason; the
 * session is stopped whatever happens, and {@link #abort()} stops it from a shutdown hook.
 */
public final class SurveyCollector {
    public static final String SESSION_NAME = "etwcorr-survey";
    /** Every level, the custom ones above TRACE_LEVEL_VERBOSE included. */
    private static final int ALL_LEVELS = 255;
    /** Every keyword: with 0, manifest providers leave their keyword-gated events off. */
    private static final long ALL_KEYWORDS = -1L;
    private static final Logger LOG = LoggerFactory.getLogger(SurveyCollector.class);

    /** Waits until an instant of the clock the collector was given. */
    @FunctionalInterface
    public interface Pause {
        void until(Instant deadline) throws InterruptedException;
    }

    private final EtwApi api;
    private final Clock clock;
    private final Pause pause;
    private final Stimulus stimulus;
    private final SurveyProgress progress;
    private volatile boolean aborted;

    /**
     * @param stimulus what runs in each stimulus window; null for a survey without one
     */
    public SurveyCollector(EtwApi api, Clock clock, Pause pause, Stimulus stimulus, SurveyProgress progress) {
        this.api = api;
        this.clock = clock;
        this.pause = pause;
        this.stimulus = stimulus;
        this.progress = progress;
    }

    /** Sleeps on the system clock. */
    public static Pause sleeping(Clock clock) {
        return deadline -> {
            long millis = Duration.between(clock.instant(), deadline).toMillis();
            if (millis > 0) {
                Thread.sleep(millis);
            }
        };
    }

    /**
     * @throws EtwCallException when a session cannot start (not elevated, no session left) or its trace cannot be opened
     * @throws IllegalStateException when the survey was aborted or interrupted
     */
    public SurveyResult run(SurveyPlan plan) {
        if (plan.stimulus() && stimulus == null) {
            throw new IllegalArgumentException("the plan has stimulus windows but there is no stimulus to run");
        }
        SurveyAccumulator result = new SurveyAccumulator();
        List<List<RegisteredProvider>> batches = plan.batches();
        for (int i = 0; i < batches.size(); i++) {
            if (aborted) {
                throw new IllegalStateException("the survey was stopped after " + i + " of " + batches.size() + " batches");
            }
            runBatch(batches.get(i), plan, result);
            progress.batchDone(i + 1, batches.size(), plan.remainingAfter(i + 1));
        }
        plan.skipped().forEach((provider, reason) -> result.rows.add(SurveyRows.notSurveyed(provider, plan, reason)));
        return result.toResult();
    }

    /** Stops the running session (if any) and the survey; safe from a shutdown hook. */
    public void abort() {
        aborted = true;
        api.stopTrace(SESSION_NAME);
    }

    private void runBatch(List<RegisteredProvider> batch, SurveyPlan plan, SurveyAccumulator result) {
        long sessionHandle = startSession();
        Map<UUID, String> failures = new LinkedHashMap<>();
        Thread trace = null;
        long consumer = 0;
        BatchTally tally;
        try {
            List<UUID> enabled = enableAll(sessionHandle, batch, failures);
            tally = new BatchTally(enabled, new SurveyWindows(clock.instant(), plan.window(), plan.windowsPerBatch()));
            consumer = api.openTrace(SESSION_NAME, new SurveyEventCounter(tally));
            trace = startTraceThread(consumer);
            awaitWindows(tally.windows(), plan, result);
            EtwApi.QueryResult query = api.queryTrace(SESSION_NAME);
            if (query.status() == 0) {
                result.add(query.losses());
            }
        } finally {
            api.stopTrace(SESSION_NAME);
            if (trace != null) {
                TraceConsumer.join(trace); // stopping the session ends ProcessTrace once it delivered what was left
                api.closeTrace(consumer);
            }
        }
        result.unattributed += tally.unattributed();
        result.outsideWindows += tally.outsideWindows();
        for (RegisteredProvider provider : batch) {
            String failure = failures.get(provider.guid());
            result.rows.add(failure == null ? SurveyRows.measured(provider, tally) : SurveyRows.notSurveyed(provider, plan, failure));
        }
    }

    /** Starts the survey's session, replacing one a killed survey left behind. */
    private long startSession() {
        EtwApi.StartResult started = api.startTrace(SESSION_NAME, BufferSettings.DEFAULT);
        if (started.status() == EtwConstants.ERROR_ALREADY_EXISTS) {
            api.stopTrace(SESSION_NAME);
            started = api.startTrace(SESSION_NAME, BufferSettings.DEFAULT);
        }
        if (started.status() != 0) {
            throw new EtwCallException("StartTraceW", started.status(), "session " + SESSION_NAME
                    + (started.status() == EtwConstants.ERROR_ACCESS_DENIED ? "; the survey must run elevated" : ""));
        }
        return started.sessionHandle();
    }

    private List<UUID> enableAll(long sessionHandle, List<RegisteredProvider> batch, Map<UUID, String> failures) {
        List<UUID> enabled = new ArrayList<>();
        for (RegisteredProvider provider : batch) {
            int status = api.enableProvider(sessionHandle,
                    new ProviderSpec(provider.guid(), provider.name(), ALL_LEVELS, ALL_KEYWORDS, false));
            if (status == 0) {
                enabled.add(provider.guid());
            } else {
                failures.put(provider.guid(), enableFailure(status));
            }
        }
        return enabled;
    }

    private Thread startTraceThread(long consumer) {
        Thread trace = new Thread(() -> {
            int status = api.processTrace(consumer);
            if (status != 0) {
                LOG.warn("ProcessTrace on session {} returned Win32 error {}", SESSION_NAME, status);
            }
        }, "etw-survey-trace");
        trace.setDaemon(true);
        trace.start();
        return trace;
    }

    private void awaitWindows(SurveyWindows windows, SurveyPlan plan, SurveyAccumulator result) {
        try {
            pause.until(windows.end(SurveyWindows.BASELINE));
            if (plan.stimulus()) {
                Stimulus.Running running = stimulus.start();
                try {
                    pause.until(windows.end(SurveyWindows.STIMULUS));
                } finally {
                    result.stimulusRuns.add(running.finish());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the survey was interrupted", e);
        }
    }

    private static String enableFailure(int status) {
        String meaning = switch (status) {
            case EtwConstants.ERROR_ACCESS_DENIED -> ": access denied (not elevated, or the provider's security refuses this user)";
            case EtwConstants.ERROR_NO_SYSTEM_RESOURCES -> ": already enabled in the 8 sessions ETW allows a provider";
            default -> "";
        };
        return "EnableTraceEx2 failed with Win32 error " + status + meaning;
    }

    /** The rows and counts of the batches done so far. */
    private static final class SurveyAccumulator {
        final List<SurveyRow> rows = new ArrayList<>();
        final List<String> stimulusRuns = new ArrayList<>();
        long unattributed;
        long outsideWindows;
        long eventsLost;
        long buffersLost;

        void add(SessionLosses losses) {
            eventsLost += losses.eventsLost();
            buffersLost += losses.buffersLost();
        }

        SurveyResult toResult() {
            return new SurveyResult(rows, unattributed, outsideWindows, eventsLost, buffersLost, stimulusRuns);
        }
    }
}
