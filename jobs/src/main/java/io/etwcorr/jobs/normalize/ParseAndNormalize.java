package io.etwcorr.jobs.normalize;

import io.etwcorr.jobs.config.InputFormat;
import io.etwcorr.jobs.normalize.sysmon.SysmonNormalizer;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.output.OutputRecord;
import io.etwcorr.jobs.model.RawRecord;

import io.etwcorr.schemas.raw.RawEnvelope;
import io.etwcorr.schemas.raw.RawEventException;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses and validates each raw record with the schemas codec, which streams it into a
 * {@link StreamedRawEvent} (no map of boxed props), and normalizes it into an {@link EtwEvent}. A record that breaks the contract goes to the dead-letter output with the
 * reason; one whose host is known also goes on as an {@link io.etwcorr.jobs.model.EventKind#INVALID}
 * marker, so that the host's health counts it and its sequence number is not taken for a gap.
 *
 * <p>Set to {@link InputFormat#SYSMON} it reads Sysmon records instead ({@link SysmonNormalizer}), with
 * the same dead letters and markers.
 */
public final class ParseAndNormalize extends ProcessFunction<RawRecord, EtwEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<OutputRecord> DEADLETTER = new OutputTag<>("deadletter") {};
    public static final String RECORDS_IN = "etwcorr.records-in";
    /** The task metric counting the records taken in (live, unlike the accumulator {@link #RECORDS_IN}). */
    public static final String RECORDS_IN_METRIC = "recordsIn";

    private final InputFormat format;
    private final SysmonNormalizer sysmonNormalizer = new SysmonNormalizer();
    private transient StreamedParser parser;
    private transient Counter recordsIn;
    private transient LongCounter recordsInTotal;
    private transient Counter deadLetters;

    /** Reads the raw-event contract. */
    public ParseAndNormalize() {
        this(InputFormat.RAW);
    }

    public ParseAndNormalize(InputFormat format) {
        this.format = format;
    }

    @Override
    public void open(OpenContext openContext) {
        recordsInTotal = new LongCounter();
        getRuntimeContext().addAccumulator(RECORDS_IN, recordsInTotal);
        recordsIn = getRuntimeContext().getMetricGroup().counter(RECORDS_IN_METRIC);
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        parser = new StreamedParser();
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<EtwEvent> out) {
        recordsIn.inc();
        recordsInTotal.add(1);
        if (format == InputFormat.SYSMON) {
            sysmon(record, ctx, out);
            return;
        }
        StreamedRawEvent raw;
        try {
            raw = parser.decode(record.value);
        } catch (RawEventException e) {
            deadLetters.inc();
            ctx.output(DEADLETTER, DeadLetters.deadLetter(null, -1, e.kind().code(), e.getMessage(),
                    record.value, record.origin));
            return;
        }
        try {
            out.collect(parser.normalize(raw));
        } catch (RawEventException e) {
            deadLetters.inc();
            RawEnvelope envelope = raw.envelope();
            ctx.output(DEADLETTER, DeadLetters.deadLetter(envelope.host(), envelope.ts(), "normalize", e.getMessage(),
                    record.value, record.origin));
            out.collect(EtwEvent.invalid(envelope.host(), envelope.run(), envelope.seq(), envelope.ts()));
        }
    }

    /** A Sysmon record; a bad one whose computer and record id were read also goes on as an INVALID marker. */
    private void sysmon(RawRecord record, Context ctx, Collector<EtwEvent> out) {
        try {
            out.collect(sysmonNormalizer.normalize(record.value));
        } catch (RawEventException e) {
            deadLetters.inc();
            ctx.output(DEADLETTER, DeadLetters.deadLetter(null, -1, e.kind().code(), e.getMessage(),
                    record.value, record.origin));
        } catch (SysmonNormalizer.InvalidEventData e) {
            EtwEvent invalid = e.invalid();
            deadLetters.inc();
            ctx.output(DEADLETTER, DeadLetters.deadLetter(invalid.host, invalid.ts, "normalize", e.getMessage(),
                    record.value, record.origin));
            out.collect(invalid);
        }
    }
}
