package io.etwcorr.collector.session;

import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.collector.etw.EventRecordCallback;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Controls the collector's real-time ETW session: starts it (replacing a stale one of the same
 * name), enables the providers, reports its loss counters and stops it. Thread-safe.
 */
public final class TraceSession implements TraceSource, AutoCloseable {
    public static final String DEFAULT_NAME = "etwcorr-collector";
    private static final Logger LOG = LoggerFactory.getLogger(TraceSession.class);

    private final EtwApi api;
    private final String name;
    private final BufferSettings buffers;
    private final List<ProviderSpec> providers;
    private boolean running;
    private long sessionHandle;
    private SessionLosses lastLosses = SessionLosses.NONE;
    private OptionalInt logFileMode = OptionalInt.empty();

    public TraceSession(EtwApi api, String name, BufferSettings buffers, List<ProviderSpec> providers) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a session needs a name");
        }
        this.api = api;
        this.name = name;
        this.buffers = buffers;
        this.providers = List.copyOf(providers);
    }

    /** The default session: {@link #DEFAULT_NAME}, {@link BufferSettings#DEFAULT}, {@link ProviderSpec#defaults()}. */
    public static TraceSession withDefaults(EtwApi api) {
        return new TraceSession(api, DEFAULT_NAME, BufferSettings.DEFAULT, ProviderSpec.defaults());
    }

    /**
     * Starts the session and enables every provider.
     *
     * @throws EtwCallException when a call fails; the session is stopped again if it had started
     */
    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("session " + name + " is already running");
        }
        EtwApi.StartResult started = api.startTrace(name, buffers);
        if (started.status() == EtwConstants.ERROR_ALREADY_EXISTS) {
            // A collector that ended without stopping its session left it running under our name.
            api.stopTrace(name);
            started = api.startTrace(name, buffers);
        }
        requireSuccess("StartTraceW", started.status(), "session " + name);
        running = true;
        sessionHandle = started.sessionHandle();
        try {
            providers.forEach(this::enable);
        } catch (EtwCallException e) {
            stop();
            throw e;
        }
        losses();
        if (logFileMode.isPresent() && (logFileMode.getAsInt() & EtwConstants.EVENT_TRACE_INDEPENDENT_SESSION_MODE) == 0) {
            LOG.warn("session {} runs without EVENT_TRACE_INDEPENDENT_SESSION_MODE (LogFileMode 0x{}): an event another "
                    + "session cannot take is lost here too", name, Integer.toHexString(logFileMode.getAsInt()));
        }
    }

    @Override
    public long open(EventRecordCallback callback) {
        return api.openTrace(name, callback);
    }

    @Override
    public boolean realTime() {
        return true;
    }

    @Override
    public String description() {
        return "session " + name;
    }

    /** The LogFileMode ETW runs the session with, as last queried; empty before a query succeeded. */
    public synchronized OptionalInt logFileMode() {
        return logFileMode;
    }

    /** The loss counters since start; the last known ones when the session is not running or the query fails. */
    @Override
    public synchronized SessionLosses losses() {
        if (running) {
            EtwApi.QueryResult query = api.queryTrace(name);
            if (query.status() == 0) {
                lastLosses = query.losses();
                logFileMode = OptionalInt.of(query.logFileMode());
            }
        }
        return lastLosses;
    }

    /** Stops the session; does nothing when it is not running, so it is safe from a shutdown hook too. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        losses();
        running = false;
        api.stopTrace(name);
    }

    /** Registers a JVM shutdown hook that stops the session, so a killed collector leaves no session behind. */
    public Thread stopOnShutdown() {
        Thread hook = new Thread(this::stop, "etw-session-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    public String name() {
        return name;
    }

    public List<ProviderSpec> providers() {
        return providers;
    }

    /** The enabled providers' names, as the heartbeat reports them. */
    @Override
    public List<String> providerNames() {
        return providers.stream().map(ProviderSpec::name).toList();
    }

    @Override
    public void close() {
        stop();
    }

    private void enable(ProviderSpec provider) {
        requireSuccess("EnableTraceEx2", api.enableProvider(sessionHandle, provider), "enable " + provider.name());
        if (provider.captureState()) {
            requireSuccess("EnableTraceEx2", api.requestCaptureState(sessionHandle, provider), "capture state of " + provider.name());
        }
    }

    private static void requireSuccess(String call, int status, String context) {
        if (status != 0) {
            throw new EtwCallException(call, status, context);
        }
    }
}
