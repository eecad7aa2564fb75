package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * ECS {@code event}: what kind of record this is. The factories give each record type its fixed
 * values. {@code start}/{@code end} are ECS timestamps (an alert's episode), null elsewhere.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventField(String kind, String[] category, String[] type, String action, String id, String dataset,
        String start, String end) {

    /** The first record of a beacon episode (docs/contract/outputs.md, one alert per episode). */
    public static final String BEACON_DETECTED = "beacon-detected";
    /** A later record of the same episode, under the same id. */
    public static final String BEACON_UPDATED = "beacon-updated";

    /** A network alert of one episode: its stable id, the action and the episode's first and latest callback. */
    public static EventField networkAlert(String id, String action, String start, String end) {
        return new EventField("alert", new String[] {"network"}, new String[] {"connection"}, action, id, null, start, end);
    }

    /** The start of a network connection. */
    public static EventField connectionStart() {
        return new EventField("event", new String[] {"network"}, new String[] {"connection", "start"}, null, null, null,
                null, null);
    }

    /** A metric record of the given dataset. */
    public static EventField metric(String dataset) {
        return new EventField("metric", null, null, null, null, dataset, null, null);
    }

    /** A plain event of the given dataset. */
    public static EventField ofDataset(String dataset) {
        return new EventField("event", null, null, null, null, dataset, null, null);
    }
}
