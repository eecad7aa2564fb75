package io.etwcorr.jobs.lineage;

/**
 * One process instance of a host's {@link ProcessTable} (state written by
 * {@link ProcessEntrySerializer}: a new field goes there too). Numbers are -1 and strings null while unknown.
 */
public final class ProcessEntry {
    public String entityId;
    public long pid = -1;
    /** Its process start key, learnt from a ProcessStart it logged as the creator; -1 while unknown. */
    public long startKey = -1;
    /** The process that started this one, or null when the table could not tell. */
    public String parentEntityId;
    /** File name of {@link #executable}. */
    public String name;
    /** DOS path when the collector gave one, else the NT path. */
    public String executable;
    public String commandLine;
    /** µs since the epoch. */
    public long createTime = -1;
    /** µs since the epoch; -1 while it runs. */
    public long exitTime = -1;
    /** Whether its initial thread exists: a thread of it was seen, or it was already running at rundown. */
    public boolean hasThreads;
    /** Remote threads other processes created in it, oldest first. */
    public Injection[] injections = new Injection[0];

    public ProcessEntry() {}

    /** A process the table knows nothing about but its pid and entity id. */
    public static ProcessEntry unknown(long pid, String entityId) {
        ProcessEntry entry = new ProcessEntry();
        entry.pid = pid;
        entry.entityId = entityId;
        return entry;
    }

    public boolean hasExited() {
        return exitTime >= 0;
    }

    /** The last injection at or before {@code time} (µs), or null when none. */
    public Injection lastInjectionUpTo(long time) {
        Injection last = null;
        for (Injection injection : injections) {
            if (injection.ts <= time && (last == null || injection.ts >= last.ts)) {
                last = injection;
            }
        }
        return last;
    }
}
