package io.etwcorr.collector.etw;

import java.util.List;

/**
 * The layout of one event type as TDH describes it (a parsed TRACE_EVENT_INFO): every property in
 * array order (struct members included), of which the first {@code topLevelCount} are the payload's.
 */
public record EventSchema(String providerName, List<PropertySchema> properties, int topLevelCount) {
    public EventSchema {
        properties = List.copyOf(properties);
    }
}
