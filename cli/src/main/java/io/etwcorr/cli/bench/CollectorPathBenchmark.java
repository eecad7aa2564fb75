package io.etwcorr.cli.bench;

import io.etwcorr.collector.etw.RawRecordJson;
import io.etwcorr.collector.session.DecodeResult;
import io.etwcorr.collector.session.EventFilter;
import io.etwcorr.collector.session.EventRecordDecoder;
import io.etwcorr.collector.session.TraceConsumer;
import io.etwcorr.testkit.etw.EtwEventFixture;
import io.etwcorr.testkit.etw.EtwEventFixtures;
import io.etwcorr.testkit.etw.NativeEventRecord;

import com.sun.jna.Pointer;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.normalize.StreamedParser;
import io.etwcorr.schemas.raw.RawEventCodec;
import io.etwcorr.schemas.raw.RawEventException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The collector's per-event work, one thread: an EVENT_RECORD in native memory decoded and filtered
 * as in the ETW callback, numbered and JSON-encoded as by the sender and the Kafka producer
 * ({@link #kernelNetwork}, {@link #dnsClient}); and that JSON read back, into the codec's map
 * ({@link #parseRawJson}) and as the job's first step does ({@link #parseAndNormalize}). Each
 * operation is one event, so ops/s is events/s per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CollectorPathBenchmark {
    private static final int PID = 7312;
    private static final String HOST = "WS-0042";
    private static final String RUN = "3f1e6a52-8a7e-4d55-9f0e-0d1f5c2b9a10";

    private final EventRecordDecoder decoder = EventRecordDecoder.standard();
    private final StreamedParser parser = new StreamedParser();
    private final EventFilter filter = EventFilter.defaults(4).build();
    // Referenced so the native records stay allocated while the benchmark reads them.
    private List<NativeEventRecord> records;
    private Pointer[] network;
    private Pointer[] dns;
    private byte[][] encoded;
    private long seq;
    private int nextNetwork;
    private int nextDns;
    private int nextEncoded;

    @Setup
    public void layOutRecords() {
        List<EtwEventFixture> networkEvents = List.of(EtwEventFixtures.sendV4(PID, 4096, EtwEventFixtures.TS_MICROS),
                EtwEventFixtures.receiveV4(PID, 4096), EtwEventFixtures.connectV4(PID, 4096),
                EtwEventFixtures.sendV6(PID, 8192), EtwEventFixtures.receiveV6(PID, 8192),
                EtwEventFixtures.connectV6(PID, 8192));
        List<EtwEventFixture> dnsEvents = List.of(
                EtwEventFixtures.dnsQueryCompleted(PID, "cdn.evil.example", "::ffff:203.0.113.7;"),
                EtwEventFixtures.dnsQueryCompleted(PID, "edge.example-dns.com", EtwEventFixtures.DNS_RESULTS));
        List<NativeEventRecord> networkRecords = networkEvents.stream().map(NativeEventRecord::layOut).toList();
        List<NativeEventRecord> dnsRecords = dnsEvents.stream().map(NativeEventRecord::layOut).toList();
        records = List.of(networkRecords, dnsRecords).stream().flatMap(List::stream).toList();
        network = networkRecords.stream().map(NativeEventRecord::pointer).toArray(Pointer[]::new);
        dns = dnsRecords.stream().map(NativeEventRecord::pointer).toArray(Pointer[]::new);
        encoded = records.stream().map(record -> collect(record.pointer())).toArray(byte[][]::new);
    }

    /** Kernel-Network TCP send, receive and connect, IPv4 and IPv6, in turn. */
    @Benchmark
    public byte[] kernelNetwork() {
        Pointer record = network[nextNetwork];
        nextNetwork = (nextNetwork + 1) % network.length;
        return collect(record);
    }

    /** DNS-Client 3008 (query completed), two answers in turn. */
    @Benchmark
    public byte[] dnsClient() {
        Pointer record = dns[nextDns];
        nextDns = (nextDns + 1) % dns.length;
        return collect(record);
    }

    /** The same records' JSON parsed and validated into the codec's map of props (replay, tools, tests). */
    @Benchmark
    public RawEvent parseRawJson() throws RawEventException {
        return RawEventCodec.decode(nextEncoded());
    }

    /** The same records as the job's first step reads them: parsed, validated and normalized, no map. */
    @Benchmark
    public EtwEvent parseAndNormalize() throws RawEventException {
        return parser.parse(nextEncoded());
    }

    private byte[] nextEncoded() {
        byte[] json = encoded[nextEncoded];
        nextEncoded = (nextEncoded + 1) % encoded.length;
        return json;
    }

    /** What {@link TraceConsumer} and the producer do with one record, without the queue hand-off. */
    private byte[] collect(Pointer record) {
        if (!(decoder.decode(record) instanceof DecodeResult.Decoded decoded) || !filter.accepts(decoded.event())) {
            throw new IllegalStateException("a benchmark record did not decode or was filtered out");
        }
        RawEvent event = decoded.event();
        return RawRecordJson.encode(new RawEvent(event.v(), HOST, RUN, seq++, event.ts(), event.provider(), event.guid(),
                event.id(), event.ver(), event.opcode(), event.pid(), event.tid(), event.props(), event.x()));
    }
}
