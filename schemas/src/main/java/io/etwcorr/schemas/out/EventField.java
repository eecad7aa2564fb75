package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;

/** ECS {@code event}: what kind of record this is. The factories give each record type its fixed values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventField(String kind, String[] category, String[] type, String id, String dataset) {

    /** A network alert with a stable id, for de-duplication by consumers. */
    public static EventField networkAlert(String id) {
        return new EventField("alert", new String[] {"network"}, new String[] {"connection"}, id, null);
    }

    /** The start of a network connection. */
    public static EventField connectionStart() {
        return new EventField("event", new String[] {"network"}, new String[] {"connection", "start"}, null, null);
    }

    /** A metric record of the given dataset. */
    public static EventField metric(String dataset) {
        return new EventField("metric", null, null, null, dataset);
    }

    /** A plain event of the given dataset. */
    public static EventField ofDataset(String dataset) {
        return new EventField("event", null, null, null, dataset);
    }
}
