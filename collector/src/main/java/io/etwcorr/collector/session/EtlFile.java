package io.etwcorr.collector.session;

import io.etwcorr.collector.etw.EventRecordCallback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A trace file recorded by logman, wpr or xperf, read once from start to end through the same
 * callback, decoders and delivery as the live session. ETW wrote its loss counters at recording
 * time into the file header, which the collector does not read, so its heartbeats report none.
 */
public final class EtlFile implements TraceSource {
    private final EtwApi api;
    private final Path path;

    /** @throws IllegalArgumentException when {@code path} is not a readable regular file */
    public EtlFile(EtwApi api, Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("no readable trace file at " + path);
        }
        this.api = api;
        this.path = path;
    }

    @Override
    public long open(EventRecordCallback callback) {
        return api.openTraceFile(path, callback);
    }

    @Override
    public boolean realTime() {
        return false;
    }

    @Override
    public SessionLosses losses() {
        return SessionLosses.NONE;
    }

    @Override
    public List<String> providerNames() {
        return List.of();
    }

    @Override
    public String description() {
        return "file " + path;
    }
}
