package io.etwcorr.collector.session;

import io.etwcorr.collector.delivery.DeliveryStats;
import io.etwcorr.schemas.etw.EtwCatalog;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The collector's heartbeat record (docs/contract/raw-events.md, "Collector records"). */
public final class CollectorHeartbeat {
    public static final String PROVIDER = EtwCatalog.COLLECTOR_PROVIDER;
    public static final int ID = 1;
    public static final int VERSION = 0;

    private CollectorHeartbeat() {
    }

    /**
     * A heartbeat logged by process {@code pid} at {@code tsMicros}; {@code dropped} is the sink's
     * and the collector's own drops together.
     */
    public static RawEvent of(String host, String run, long seq, long tsMicros, int pid, SessionLosses losses,
            DeliveryStats delivery, long dropped, List<String> providers) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("eventsLost", losses.eventsLost());
        props.put("buffersLost", losses.buffersLost());
        props.put("sent", delivery.sent());
        props.put("spooled", delivery.spooled());
        props.put("dropped", dropped);
        props.put("providers", List.copyOf(providers));
        return new RawEvent(1, host, run, seq, tsMicros, PROVIDER, null, ID, VERSION, null, pid, -1, props, null);
    }
}
