package io.etwcorr.jobs.normalize.sysmon;

import java.util.Map;

/**
 * One event-log record of any shape (Winlogbeat JSON, the event log's XML, flat JSON exports) read
 * into the event log's own terms, before it becomes an {@link io.etwcorr.jobs.model.EtwEvent}.
 *
 * @param host the computer that logged it, as the event log names it
 * @param channel the event log channel, e.g. {@code Microsoft-Windows-Sysmon/Operational}
 * @param provider the provider name, e.g. {@code Microsoft-Windows-Sysmon}
 * @param recordId the channel's record id (gap-free per channel and host), -1 when the export lacks it
 * @param ts event time, µs since the epoch
 * @param eventId the event id (1 process create, 3 network connection, ...)
 * @param data the event data by Sysmon's field names ({@code ProcessGuid}, {@code Image}, ...), as text
 */
record SysmonRecord(String host, String channel, String provider, long recordId, long ts, int eventId,
        Map<String, String> data) {

    static final String SYSMON_PROVIDER = "Microsoft-Windows-Sysmon";
    static final String SYSMON_CHANNEL = "Microsoft-Windows-Sysmon/Operational";

    /** Whether Sysmon logged it (by provider, else by channel: some exports carry only one of them). */
    boolean isSysmon() {
        return provider != null ? provider.equalsIgnoreCase(SYSMON_PROVIDER)
                : channel != null && channel.equalsIgnoreCase(SYSMON_CHANNEL);
    }
}
