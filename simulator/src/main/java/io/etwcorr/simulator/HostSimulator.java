package io.etwcorr.simulator;

import io.etwcorr.schemas.raw.RawEvent;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One simulated host: its collector run, processes and activities, producing its events one at a
 * time in event-time order. Only the activities' next run times and the few events they logged
 * ahead of time are held, so a host streams for as long as it is asked to.
 */
final class HostSimulator {
    static final long HEARTBEAT_PERIOD = 10 * Micros.SECOND;

    final String name;
    final int index;
    final SimulatedProcessTable processes;
    final Traffic traffic;
    final BootedHost booted;
    final GroundTruthRecorder truth;
    private final String run;
    private final long end;
    private final SplittableRandom random;
    private final PriorityQueue<Scheduled> activities = new PriorityQueue<>();
    private final PriorityQueue<Logged> logged = new PriorityQueue<>();
    private long order;
    private long nextSeq;
    private long now;

    private record Scheduled(long time, long order, Activity activity) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private record Logged(long order, EventDraft draft) implements Comparable<Logged> {
        @Override
        public int compareTo(Logged other) {
            int byTime = Long.compare(draft.ts(), other.draft.ts());
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    HostSimulator(FleetSpec spec, int index, GroundTruthRecorder truth) {
        this.name = FleetSpec.hostName(index);
        this.index = index;
        this.truth = truth;
        this.end = spec.endMicros();
        this.now = spec.startMicros();
        this.random = Seeds.random(spec.seed(), Seeds.HOST, index);
        this.run = Seeds.uuid(Seeds.random(spec.seed(), Seeds.RUN_ID, index)).toString();
        this.processes = new SimulatedProcessTable(random, 1);
        boolean implantInBrowser = spec.implants().stream()
                .anyMatch(implant -> implant.hostIndex() == index && implant.tradecraft() == Tradecraft.INTO_BROWSER);
        this.booted = new BootedHost(processes, random, index, spec.startMicros(), implantInBrowser);
        this.traffic = new Traffic(this, random, index);
        long rundownTime = spec.startMicros();
        for (SimProcess process : booted.inBootOrder) {
            rundownTime += Micros.millisBetween(random, 0.02, 0.3);
            emit(EtwEvents.processStart(rundownTime, process, process.pid(), process.mainThread(), true));
        }
        schedule(spec.startMicros() + HEARTBEAT_PERIOD, this::heartbeat);
        BenignActivities.plan(this, spec);
        for (int i = 0; i < spec.implants().size(); i++) {
            ImplantSpec implant = spec.implants().get(i);
            if (implant.hostIndex() == index) {
                ImplantActivity activity = new ImplantActivity(spec, i, this);
                schedule(activity.chainStart(), activity);
            }
        }
    }

    /** The host's next event, numbered in its run; null once the fleet's time is over and nothing is left. */
    RawEvent next() {
        while (true) {
            Logged head = logged.peek();
            Scheduled due = activities.peek();
            boolean activityDue = due != null && due.time() < end;
            if (head != null && (!activityDue || head.draft().ts() <= due.time())) {
                logged.poll();
                return seal(head.draft());
            }
            if (!activityDue) {
                return null;
            }
            activities.poll();
            now = due.time();
            long next = due.activity().run(this, now);
            if (next != Activity.DONE) {
                schedule(Math.max(next, now + 1), due.activity());
            }
        }
    }

    /** Logs an event; its time must not lie before the running activity's time. */
    void emit(EventDraft draft) {
        if (draft.ts() < now) {
            throw new IllegalStateException("event at " + draft.ts() + " logged before " + now + ": " + draft);
        }
        logged.add(new Logged(order++, draft));
    }

    void schedule(long time, Activity activity) {
        activities.add(new Scheduled(time, order++, activity));
    }

    SplittableRandom random() {
        return random;
    }

    /** {@code image} started by {@code parent} at {@code t}: ProcessStart and the first thread, which the parent creates. */
    SimProcess startProcess(long t, SimProcess parent, ProcessImage image, String commandLine, String user, int session) {
        SimProcess child = processes.start(t, parent, image, commandLine, user, session);
        emit(EtwEvents.processStart(t, child, parent.pid(), parent.mainThread(), false));
        emit(EtwEvents.threadStart(t + Micros.millisBetween(random, 0.1, 2), parent.pid(), parent.mainThread(), child.pid(),
                child.mainThread(), ThreadAddresses.inImage(random)));
        return child;
    }

    /** {@code process} exits at {@code t}; its PID becomes free for reuse. */
    void stopProcess(long t, SimProcess process, int exitCode) {
        emit(EtwEvents.processStop(t, process, exitCode, 1_000_000L + random.nextInt(900_000_000)));
        processes.exit(process, t);
    }

    /** A thread created at {@code t} by {@code creator} inside {@code owner}: remote when they differ. */
    void startThread(long t, SimProcess creator, SimProcess owner, ThreadAddresses addresses) {
        emit(EtwEvents.threadStart(t, creator.pid(), creator.mainThread(), owner.pid(), processes.newThreadId(), addresses));
    }

    private long heartbeat(HostSimulator host, long t) {
        emit(EtwEvents.heartbeat(t, nextSeq, booted.collector.pid(), booted.collector.mainThread()));
        return t + HEARTBEAT_PERIOD;
    }

    private RawEvent seal(EventDraft d) {
        return new RawEvent(1, name, run, nextSeq++, d.ts(), d.provider(), d.guid(), d.id(), d.ver(), d.opcode(), d.pid(), d.tid(),
                d.props(), d.x());
    }
}
