package io.etwcorr.jobs.lineage;

/**
 * Where the {@link ProcessTable} of one host lives: process entries by entity id, and which entity
 * currently holds each PID. Flink keyed state in the job ({@link KeyedStateProcessStore}).
 */
interface ProcessStore {

    ProcessEntry entry(String entityId) throws Exception;

    void putEntry(ProcessEntry entry) throws Exception;

    void removeEntry(String entityId) throws Exception;

    Iterable<ProcessEntry> entries() throws Exception;

    /** The entity id of the running process with this PID, or null. */
    String liveEntity(long pid) throws Exception;

    void putLiveEntity(long pid, String entityId) throws Exception;

    void removeLiveEntity(long pid) throws Exception;
}
