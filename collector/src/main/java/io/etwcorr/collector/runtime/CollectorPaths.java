package io.etwcorr.collector.runtime;

import io.etwcorr.collector.config.CollectorConfig;
import java.nio.file.Path;

/** Where the collector keeps its files when the config does not say: never the current directory. */
public final class CollectorPaths {
    private CollectorPaths() {}

    /** %ProgramData%\etwcorr on Windows (the service has no user profile), else $XDG_DATA_HOME/etwcorr or ~/.local/share/etwcorr. */
    public static Path dataDirectory() {
        String programData = System.getenv("ProgramData");
        if (System.getProperty("os.name", "").startsWith("Windows") && programData != null) {
            return Path.of(programData, "etwcorr");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("etwcorr");
    }

    /** The configured spool directory, or {@code spool} under the data directory. */
    public static Path spoolDirectory(CollectorConfig config) {
        return config.spool.directory.isBlank() ? dataDirectory().resolve("spool") : Path.of(config.spool.directory);
    }
}
