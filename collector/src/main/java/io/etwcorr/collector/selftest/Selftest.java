package io.etwcorr.collector.selftest;

import io.etwcorr.collector.enrich.Enrichment;
import io.etwcorr.collector.session.BufferSettings;
import io.etwcorr.collector.session.ConsumerSettings;
import io.etwcorr.collector.session.EtwApi;
import io.etwcorr.collector.session.EventFilter;
import io.etwcorr.collector.session.EventRecordDecoder;
import io.etwcorr.collector.session.ProviderSpec;
import io.etwcorr.collector.session.TraceConsumer;
import io.etwcorr.collector.session.TraceSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code etwcorr collector selftest}: starts a session of its own with the collector's providers
 * and buffers, lets {@link SelftestStimulus} act from this process, and checks that the events the
 * collector decodes show what it did ({@link SelftestChecks}). Everything goes through the collector's
 * own session, consumer loop, decoders and numbering; only delivery is replaced by
 * {@link CapturedRecords}. What an operator runs on a new host type before a rollout.
 */
public final class Selftest {
    /** Its own session name, so it runs beside an installed collector without touching its session. */
    public static final String SESSION_NAME = "etwcorr-selftest";
    private static final String HOST = "SELFTEST";
    private static final Duration POLL = Duration.ofMillis(250);

    private final EtwApi api;
    private final EventRecordDecoder decoder;
    private final SelftestStimulus stimulus;
    private final Duration settle;
    private final Duration timeout;

    /**
     * @param settle how long the consumer runs before the stimulus, so the session is live when it acts
     * @param timeout how long to wait for the events after the stimulus (ETW flushes every second)
     */
    public Selftest(EtwApi api, EventRecordDecoder decoder, SelftestStimulus stimulus, Duration settle, Duration timeout) {
        this.api = api;
        this.decoder = decoder;
        this.stimulus = stimulus;
        this.settle = settle;
        this.timeout = timeout;
    }

    /**
     * Runs the self-test; the session is stopped afterwards whatever happens.
     *
     * @param windowsVersion the host's Windows version for the report (null when unknown)
     * @throws io.etwcorr.collector.session.EtwCallException when the session cannot start (e.g. not elevated)
     */
    public SelftestReport run(String windowsVersion) throws Exception {
        long ownPid = ProcessHandle.current().pid();
        CapturedRecords captured = new CapturedRecords(ownPid);
        TraceSession session = new TraceSession(api, SESSION_NAME, BufferSettings.DEFAULT, ProviderSpec.defaults());
        Thread stopHook = session.stopOnShutdown();
        TraceConsumer consumer = null;
        try {
            session.start();
            // No filter: the checks are about this process, which the collector's default filter drops.
            consumer = new TraceConsumer(api, session, decoder, EventFilter.builder().build(), captured, Enrichment.NONE,
                    ConsumerSettings.forHost(HOST), Clock.systemUTC());
            consumer.start();
            Thread.sleep(settle.toMillis());
            StimulusReport done = stimulus.perform();
            awaitEvents(done, captured);
            consumer.close();
            consumer = null;
            session.stop();
            return new SelftestReport(windowsVersion, done,
                    SelftestChecks.all(done, captured, session.losses(), session.logFileMode()), captured.versions());
        } finally {
            if (consumer != null) {
                consumer.close();
            }
            session.stop();
            Runtime.getRuntime().removeShutdownHook(stopHook);
        }
    }

    private void awaitEvents(StimulusReport done, CapturedRecords captured) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<SelftestCheck> checks = SelftestChecks.events(done, captured.kept());
            if (checks.stream().allMatch(SelftestCheck::passed)) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
