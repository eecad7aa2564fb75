package io.etwcorr.jobs.lineage;

import io.etwcorr.jobs.config.EtwcorrConfig;
import io.etwcorr.jobs.model.Callback;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per host (key: host): names in each callback (input 2) the executable of its process's parent, as
 * the host's {@link ProcessTable} (input 1: process events and the host's watermark TICKs) knows it at
 * the callback's time. The process-group key needs it (docs/contract/outputs.md, "Process groups"):
 * the curl.exe instances a scheduled task starts through cmd.exe are one group, the same curl.exe
 * command line started by another program is another.
 *
 * <p>As in {@link LineageFunction}, a callback waits until the host's watermark has reached its time,
 * so that every process event up to then is in the table whichever input arrived first; callbacks due
 * together go out in time order. This table is a second one beside the lineage's (the group scoring
 * runs before the lineage, whose input is the scorers' candidates), kept small: no command lines, no
 * thread starts, so no injections. Only the lineage counts the evictions of the per-host bound.
 */
public final class ParentExecutables extends KeyedCoProcessFunction<String, EtwEvent, Callback, Callback> {
    private static final long serialVersionUID = 1L;

    /** Due callbacks go out in this order, so that the output does not depend on arrival order. */
    private static final Comparator<Callback> RELEASE_ORDER = Comparator
            .comparingLong((Callback c) -> c.ts)
            .thenComparing(c -> c.entityId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(c -> c.destination, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final EtwcorrConfig.Lineage config;

    private transient ValueState<Long> hostWatermark;
    private transient ListState<Callback> held;
    /** The earliest time among the held callbacks, so that most events need not look at them. */
    private transient ValueState<Long> earliestHeld;
    private transient ProcessTable table;

    public ParentExecutables(EtwcorrConfig.Lineage config) {
        this.config = config;
    }

    /** Whether this function needs the event: process starts, rundowns and stops, and the host's watermark ticks. */
    public static boolean isInput(EtwEvent event) {
        return event.kind != EventKind.THREAD_START && LineageFunction.isInput(event);
    }

    @Override
    public void open(OpenContext openContext) {
        hostWatermark = getRuntimeContext().getState(new ValueStateDescriptor<>("host-watermark", Types.LONG));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-callbacks", Types.POJO(Callback.class)));
        earliestHeld = getRuntimeContext().getState(new ValueStateDescriptor<>("earliest-held", Types.LONG));
        table = new ProcessTable(KeyedStateProcessStore.open(getRuntimeContext()), config, false);
    }

    @Override
    public void processElement1(EtwEvent event, Context ctx, Collector<Callback> out) throws Exception {
        if (!isInput(event)) {
            return;
        }
        table.apply(event);
        Long current = hostWatermark.value();
        long watermark = current == null ? event.ts : Math.max(current, event.ts);
        hostWatermark.update(watermark);
        releaseDue(watermark, out);
        // After the end of input nothing expires any more: late callbacks still need the table.
        if (event.kind == EventKind.TICK && watermark != Long.MAX_VALUE) {
            table.expire(watermark);
        }
    }

    @Override
    public void processElement2(Callback callback, Context ctx, Collector<Callback> out) throws Exception {
        Long watermark = hostWatermark.value();
        if (watermark != null && watermark >= callback.ts) {
            out.collect(withParent(callback));
            return;
        }
        held.add(callback);
        Long earliest = earliestHeld.value();
        if (earliest == null || callback.ts < earliest) {
            earliestHeld.update(callback.ts);
        }
    }

    private void releaseDue(long watermark, Collector<Callback> out) throws Exception {
        Long earliest = earliestHeld.value();
        if (earliest == null || earliest > watermark) {
            return;
        }
        List<Callback> due = new ArrayList<>();
        List<Callback> waiting = new ArrayList<>();
        long stillWaiting = Long.MAX_VALUE;
        for (Callback callback : held.get()) {
            if (callback.ts <= watermark) {
                due.add(callback);
            } else {
                waiting.add(callback);
                stillWaiting = Math.min(stillWaiting, callback.ts);
            }
        }
        if (waiting.isEmpty()) {
            held.clear();
            earliestHeld.clear();
        } else {
            held.update(waiting);
            earliestHeld.update(stillWaiting);
        }
        due.sort(RELEASE_ORDER);
        for (Callback callback : due) {
            out.collect(withParent(callback));
        }
    }

    private Callback withParent(Callback callback) throws Exception {
        ProcessEntry process = table.entry(callback.entityId);
        ProcessEntry parent = process == null ? null : table.parent(process);
        String executable = parent == null ? null : parent.executable != null ? parent.executable : parent.name;
        callback.parentExecutable = executable == null ? "" : executable.toLowerCase(Locale.ROOT);
        return callback;
    }
}
