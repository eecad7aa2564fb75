package io.etwcorr.collector.session;

import io.etwcorr.testkit.etw.EtwEventFixture;
import io.etwcorr.testkit.etw.EtwEventFixtures;
import io.etwcorr.testkit.etw.NativeEventRecord;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.collector.etw.EventInfoSource;
import io.etwcorr.collector.etw.EventKey;
import io.etwcorr.collector.etw.EventSchemas;
import io.etwcorr.collector.etw.ManifestDecoders;
import io.etwcorr.testkit.etw.PayloadFixture;
import io.etwcorr.collector.etw.TraceEventInfoFixture;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** EVENT_RECORDs of a provider without a manifest decoder, through the TDH-schema fallback of the decoder. */
class GenericDecodeTest {
    private static final int KERNEL_FILE_CREATE = 12;
    private static final int PID = 7312;

    private final AtomicInteger tdhCalls = new AtomicInteger();

    @Test
    void decodesAKernelFileEventWithTheProviderNameTdhRegistered() {
        EventRecordDecoder decoder = decoderOver(eventRecord -> TraceEventInfoFixture.kernelFileCreate().buffer());
        PayloadFixture payload = TraceEventInfoFixture.kernelFileCreatePayload();

        DecodeResult result = decoder.decode(NativeEventRecord.layOut(kernelFileCreate(payload.bytes())).pointer());

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Decoded.class, decoded -> {
            RawEvent event = decoded.event();
            assertThat(event.provider()).isEqualTo("Microsoft-Windows-Kernel-File");
            assertThat(event.guid()).isEqualTo(TraceEventInfoFixture.KERNEL_FILE.toString());
            assertThat(event.id()).isEqualTo(KERNEL_FILE_CREATE);
            assertThat(event.pid()).isEqualTo(PID);
            assertThat(event.props()).containsExactlyEntriesOf(payload.expected());
            assertThat(RawEventCodec.encodeToString(new RawEvent(1, "WS-0042", "run", 0, event.ts(), event.provider(),
                    event.guid(), event.id(), event.ver(), event.opcode(), event.pid(), event.tid(), event.props(), null)))
                    .contains("\"FileName\":\"\\\\Device\\\\HarddiskVolume3\\\\Users");
        });
    }

    @Test
    void asksTdhOncePerEventTypeNotPerEvent() {
        EventRecordDecoder decoder = decoderOver(eventRecord -> TraceEventInfoFixture.kernelFileCreate().buffer());
        NativeEventRecord record = NativeEventRecord.layOut(
                kernelFileCreate(TraceEventInfoFixture.kernelFileCreatePayload().bytes()));

        for (int i = 0; i < 1000; i++) {
            assertThat(decoder.decode(record.pointer())).isInstanceOf(DecodeResult.Decoded.class);
        }

        assertThat(tdhCalls).hasValue(1);
    }

    @Test
    void passesOverEventTypesTdhHasNoSchemaForAndAsksOnce() {
        EventRecordDecoder decoder = decoderOver(eventRecord -> null);
        NativeEventRecord record = NativeEventRecord.layOut(kernelFileCreate(new byte[8]));

        DecodeResult first = decoder.decode(record.pointer());
        DecodeResult second = decoder.decode(record.pointer());

        assertThat(first).isEqualTo(new DecodeResult.PassedOver(new EventKey(TraceEventInfoFixture.KERNEL_FILE, 12, 1)));
        assertThat(second).isEqualTo(first);
        assertThat(decoder.undecoded()).isEqualTo(2);
        assertThat(tdhCalls).hasValue(1);
    }

    @Test
    void countsShortPayloadsAndBrokenSchemasAsMalformedWithoutThrowing() {
        EventRecordDecoder decoder = decoderOver(eventRecord -> TraceEventInfoFixture.kernelFileCreate().buffer());
        EventRecordDecoder broken = decoderOver(eventRecord -> TraceEventInfoFixture.kernelFileCreate()
                .overrideU32(100, 1 << 30).buffer());
        byte[] payload = TraceEventInfoFixture.kernelFileCreatePayload().bytes();
        // Its last field, FileName, cut in the middle of a character: no terminator and an odd byte left.
        byte[] unterminated = Arrays.copyOf(payload, payload.length - 3);

        DecodeResult shortPayload = decoder.decode(NativeEventRecord.layOut(kernelFileCreate(unterminated)).pointer());
        DecodeResult badSchema = broken.decode(NativeEventRecord.layOut(kernelFileCreate(payload)).pointer());

        assertThat(shortPayload).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                malformed -> assertThat(malformed.reason()).contains("FileName").contains("no NUL terminator"));
        assertThat(badSchema).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                malformed -> assertThat(malformed.reason()).contains("no usable TDH schema"));
        assertThat(decoder.malformed()).isEqualTo(1);
        assertThat(broken.malformed()).isEqualTo(1);
    }

    @Test
    void aFailingTdhIsAMalformedResultNotAnExceptionOutOfTheCallback() {
        EventRecordDecoder decoder = decoderOver(eventRecord -> {
            throw new UnsupportedOperationException("ETW is only available on Windows");
        });

        DecodeResult result = decoder.decode(NativeEventRecord.layOut(kernelFileCreate(new byte[8])).pointer());

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                malformed -> assertThat(malformed.reason()).contains("TDH lookup failed"));
    }

    @Test
    void manifestDecodersStillDecodeTheirOwnEventsWithoutAskingTdh() {
        EventRecordDecoder decoder = decoderOver(eventRecord -> TraceEventInfoFixture.kernelFileCreate().buffer());
        EtwEventFixture connect = EtwEventFixtures.connectV4(PID, 4096);

        DecodeResult result = decoder.decode(NativeEventRecord.layOut(connect).pointer());

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Decoded.class,
                decoded -> assertThat(decoded.event().props()).containsExactlyEntriesOf(connect.expectedProps()));
        assertThat(tdhCalls).hasValue(0);
    }

    private EventRecordDecoder decoderOver(EventInfoSource source) {
        EventInfoSource counted = eventRecord -> {
            tdhCalls.incrementAndGet();
            return source.traceEventInfo(eventRecord);
        };
        return new EventRecordDecoder(ManifestDecoders.standard(), new EventSchemas(counted));
    }

    private static EtwEventFixture kernelFileCreate(byte[] payload) {
        return new EtwEventFixture("Microsoft-Windows-Kernel-File", TraceEventInfoFixture.KERNEL_FILE, KERNEL_FILE_CREATE,
                1, 64, 0, PID, PID + 88, EtwEventFixtures.TS_MICROS, payload, null);
    }
}
