package io.etwcorr.collector.service;

/** What a service runs: started once, stopped once (stopping flushes what is buffered). */
public interface Workload {
    void start() throws Exception;

    void stop() throws Exception;
}
