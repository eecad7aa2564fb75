package io.etwcorr.collector.session;

import io.etwcorr.testkit.etw.EtwEventFixture;
import io.etwcorr.testkit.etw.NativeEventRecord;

import io.etwcorr.collector.etw.EtwConstants;
import io.etwcorr.collector.etw.EventRecordCallback;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake ETW: records every control call, and its ProcessTrace lays out the given events as
 * EVENT_RECORDs in native memory and calls the consumer's callback for each on the calling
 * (trace) thread, then waits, as a real-time trace does, until the trace is closed or its session
 * stopped; a file's trace returns at once, as at the end of the file. Sessions may follow one
 * another; with a {@link SessionScript} each trace delivers the events of the providers enabled in
 * its session.
 */
final class FakeEtwApi implements EtwApi {
    static final long SESSION_HANDLE = 0x5e55_1011L;
    static final long CONSUMER_HANDLE = 0xc0_5e11L;

    /** The events one session's trace delivers, given the providers enabled in it and when its trace was opened. */
    @FunctionalInterface
    interface SessionScript {
        List<EtwEventFixture> events(List<ProviderSpec> enabledInSession, Instant openedAt);
    }

    /** Calls in order, e.g. {@code start etwcorr-test}, {@code enable <guid>}, {@code stop etwcorr-test}. */
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<ProviderSpec> enabled = Collections.synchronizedList(new ArrayList<>());
    final List<ProviderSpec> captureStateRequested = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch allDelivered = new CountDownLatch(1);
    private final Deque<Integer> startStatuses = new ArrayDeque<>();
    private final Map<UUID, Integer> enableStatuses = new HashMap<>();
    private final SessionScript script;
    private final Clock clock;
    private final List<ProviderSpec> enabledInSession = Collections.synchronizedList(new ArrayList<>());
    private volatile List<EtwEventFixture> events = List.of();
    private volatile CountDownLatch closed = new CountDownLatch(1);
    private volatile SessionLosses losses = SessionLosses.NONE;
    private volatile int queryStatus;
    private volatile int logFileMode = EtwConstants.EVENT_TRACE_REAL_TIME_MODE | EtwConstants.EVENT_TRACE_INDEPENDENT_SESSION_MODE;
    private volatile Path openedFile;
    private volatile boolean fileNeverEnds;
    private volatile int openStatus;
    private volatile BufferSettings startedWith;
    private volatile EventRecordCallback callback;
    private volatile long deliveryNanos = -1;
    private volatile String deliveryThread;

    FakeEtwApi(List<EtwEventFixture> events) {
        this(Clock.systemUTC(), (enabled, openedAt) -> events);
    }

    FakeEtwApi(Clock clock, SessionScript script) {
        this.clock = clock;
        this.script = script;
    }

    FakeEtwApi() {
        this(List.of());
    }

    /** The statuses of the next StartTraceW calls (then 0). */
    FakeEtwApi startReturning(Integer... statuses) {
        startStatuses.addAll(List.of(statuses));
        return this;
    }

    FakeEtwApi enableReturning(UUID provider, int status) {
        enableStatuses.put(provider, status);
        return this;
    }

    void reportLosses(SessionLosses losses) {
        this.losses = losses;
    }

    /** The LogFileMode queries report, e.g. one with a flag ETW stripped. */
    void reportLogFileMode(int mode) {
        this.logFileMode = mode;
    }

    /** Makes a file's ProcessTrace wait for CloseTrace like a live session's, as a huge or stuck file would. */
    void fileNeverEnds() {
        this.fileNeverEnds = true;
    }

    /** The file the last OpenTraceW on a file named, null when none was opened. */
    Path openedFile() {
        return openedFile;
    }

    void failQueriesWith(int status) {
        this.queryStatus = status;
    }

    /** Makes OpenTraceW fail with {@code status}. */
    void failOpenWith(int status) {
        this.openStatus = status;
    }

    BufferSettings startedWith() {
        return startedWith;
    }

    /** How long the callback loop took, -1 before it finished. */
    long deliveryNanos() {
        return deliveryNanos;
    }

    /** The name of the thread the callback was called on. */
    String deliveryThread() {
        return deliveryThread;
    }

    long count(String call) {
        return List.copyOf(calls).stream().filter(c -> c.equals(call)).count();
    }

    @Override
    public StartResult startTrace(String sessionName, BufferSettings buffers) {
        calls.add("start " + sessionName);
        startedWith = buffers;
        enabledInSession.clear();
        Integer status = startStatuses.poll();
        return new StartResult(status == null ? 0 : status, SESSION_HANDLE);
    }

    @Override
    public int stopTrace(String sessionName) {
        calls.add("stop " + sessionName);
        closed.countDown(); // a stopped real-time session ends ProcessTrace
        return 0;
    }

    @Override
    public QueryResult queryTrace(String sessionName) {
        calls.add("query " + sessionName);
        return queryStatus == 0 ? new QueryResult(0, losses, logFileMode) : QueryResult.failed(queryStatus);
    }

    @Override
    public int enableProvider(long sessionHandle, ProviderSpec provider) {
        requireSessionHandle(sessionHandle);
        calls.add("enable " + provider.name());
        enabled.add(provider);
        int status = enableStatuses.getOrDefault(provider.guid(), 0);
        if (status == 0) {
            enabledInSession.add(provider);
        }
        return status;
    }

    @Override
    public int requestCaptureState(long sessionHandle, ProviderSpec provider) {
        requireSessionHandle(sessionHandle);
        calls.add("capture " + provider.name());
        captureStateRequested.add(provider);
        return 0;
    }

    @Override
    public long openTrace(String sessionName, EventRecordCallback callback) {
        calls.add("open " + sessionName);
        if (openStatus != 0) {
            throw new EtwCallException("OpenTraceW", openStatus, "session " + sessionName);
        }
        this.callback = callback;
        this.events = List.copyOf(script.events(List.copyOf(enabledInSession), clock.instant()));
        this.closed = new CountDownLatch(1);
        return CONSUMER_HANDLE;
    }

    /** A file's trace delivers the events of the script and returns, as ProcessTrace does at the end of a file. */
    @Override
    public long openTraceFile(Path etlFile, EventRecordCallback callback) {
        calls.add("open file " + etlFile.getFileName());
        if (openStatus != 0) {
            throw new EtwCallException("OpenTraceW", openStatus, "file " + etlFile);
        }
        this.openedFile = etlFile;
        this.callback = callback;
        this.events = List.copyOf(script.events(List.of(), clock.instant()));
        this.closed = new CountDownLatch(fileNeverEnds ? 1 : 0);
        return CONSUMER_HANDLE;
    }

    @Override
    public int processTrace(long consumerHandle) {
        if (consumerHandle != CONSUMER_HANDLE) {
            throw new AssertionError("ProcessTrace with handle " + consumerHandle);
        }
        CountDownLatch closedLatch = closed;
        List<NativeEventRecord> records = events.stream().map(NativeEventRecord::layOut).toList();
        deliveryThread = Thread.currentThread().getName();
        long start = System.nanoTime();
        for (NativeEventRecord record : records) {
            callback.invoke(record.pointer());
        }
        deliveryNanos = System.nanoTime() - start;
        allDelivered.countDown();
        try {
            if (!closedLatch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the trace was never closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    @Override
    public int closeTrace(long consumerHandle) {
        calls.add("close");
        closed.countDown();
        return 0;
    }

    private static void requireSessionHandle(long handle) {
        if (handle != SESSION_HANDLE) {
            throw new AssertionError("EnableTraceEx2 with session handle " + handle);
        }
    }
}
