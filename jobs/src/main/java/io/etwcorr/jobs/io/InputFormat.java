package io.etwcorr.jobs.io;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.jobs.io.sysmon.SysmonNormalizer;
import java.io.IOException;
import java.util.Arrays;

/**
 * What the job reads: the raw-event contract of the ETW collector (docs/contract/raw-events.md) or
 * Sysmon events (Winlogbeat JSON, the event log's XML or a flat JSON export, see
 * {@link io.etwcorr.jobs.io.sysmon.SysmonNormalizer}). One job reads one format.
 */
public enum InputFormat {
    RAW("raw"),
    SYSMON("sysmon");

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * The format of a file whose first record (its first non-blank line, or its first bytes for
     * XML) is {@code first}, or null when it is neither: raw events have {@code v}, {@code host} and
     * {@code provider}; Sysmon records are XML, or JSON with {@code winlog}, {@code Event/System} or
     * an event id beside a computer name.
     */
    public static InputFormat detect(String first) {
        String trimmed = first.strip();
        if (trimmed.startsWith("\uFEFF")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.startsWith("<")) {
            return trimmed.startsWith("<Event") || trimmed.startsWith("<?xml") || trimmed.startsWith("<Events")
                    ? SYSMON : null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(trimmed);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        if (root.has("v") && root.has("host") && root.has("provider")) {
            return RAW;
        }
        return SysmonNormalizer.looksLikeEventLog(root) ? SYSMON : null;
    }

    @Override
    public String toString() {
        return name;
    }
}
