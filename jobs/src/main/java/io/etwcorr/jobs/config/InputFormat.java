package io.etwcorr.jobs.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What the job reads: the raw-event contract of the ETW collector (docs/contract/raw-events.md) or
 * Sysmon events (Winlogbeat JSON, the event log's XML or a flat JSON export, see
 * {@code io.etwcorr.jobs.normalize.sysmon.SysmonNormalizer}). One job reads one format.
 */
public enum InputFormat {
    RAW("raw"),
    SYSMON("sysmon");

    private final String name;

    InputFormat(String name) {
        this.name = name;
    }

    /** The name in configuration and on the command line. */
    @JsonValue
    public String configName() {
        return name;
    }

    @JsonCreator
    public static InputFormat of(String name) {
        for (InputFormat format : values()) {
            if (format.name.equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown input format '" + name + "', expected one of "
                + Arrays.stream(values()).map(InputFormat::configName).toList());
    }

    @Override
    public String toString() {
        return name;
    }
}
