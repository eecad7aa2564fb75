package io.etwcorr.collector.session;

import io.etwcorr.testkit.etw.EtwEventFixture;
import io.etwcorr.testkit.etw.EtwEventFixtures;
import io.etwcorr.testkit.etw.ExtendedDataItem;
import io.etwcorr.testkit.etw.NativeEventRecord;
import io.etwcorr.testkit.etw.PayloadFixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.etwcorr.collector.etw.EVENT_DESCRIPTOR;
import io.etwcorr.collector.etw.EVENT_HEADER;
import io.etwcorr.collector.etw.EVENT_HEADER_EXTENDED_DATA_ITEM;
import io.etwcorr.collector.etw.EVENT_RECORD;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.collector.etw.EventKey;
import io.etwcorr.schemas.raw.RawEvent;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventRecordDecoderTest {
    private static final int PID = 7312;

    private final EventRecordDecoder decoder = EventRecordDecoder.standard();

    static Stream<EtwEventFixture> correlatedEvents() {
        return Stream.concat(EtwEventFixtures.oneOfEach(PID).stream(), Stream.of(EtwEventFixtures.threadStart(5120, PID, true)));
    }

    @Test
    void readsTheDocumentedOffsetsOfTheStructures() {
        EVENT_RECORD record = new EVENT_RECORD();
        EVENT_HEADER header = new EVENT_HEADER();
        int descriptor = header.offsetOf("EventDescriptor");
        EVENT_DESCRIPTOR fields = new EVENT_DESCRIPTOR();
        assertThat(record.size()).isEqualTo(EventRecordLayout.SIZE);
        assertThat(header.offsetOf("Flags")).isEqualTo(EventRecordLayout.HEADER_FLAGS);
        assertThat(header.offsetOf("ThreadId")).isEqualTo(EventRecordLayout.THREAD_ID);
        assertThat(header.offsetOf("ProcessId")).isEqualTo(EventRecordLayout.PROCESS_ID);
        assertThat(header.offsetOf("TimeStamp")).isEqualTo(EventRecordLayout.TIMESTAMP);
        assertThat(header.offsetOf("ProviderId")).isEqualTo(EventRecordLayout.PROVIDER_ID);
        assertThat(descriptor + fields.offsetOf("Id")).isEqualTo(EventRecordLayout.EVENT_ID);
        assertThat(descriptor + fields.offsetOf("Version")).isEqualTo(EventRecordLayout.EVENT_VERSION);
        assertThat(descriptor + fields.offsetOf("Opcode")).isEqualTo(EventRecordLayout.EVENT_OPCODE);
        assertThat(record.offsetOf("UserDataLength")).isEqualTo(EventRecordLayout.USER_DATA_LENGTH);
        assertThat(record.offsetOf("UserData")).isEqualTo(EventRecordLayout.USER_DATA);
        assertThat(record.offsetOf("ExtendedDataCount")).isEqualTo(EventRecordLayout.EXTENDED_DATA_COUNT);
        assertThat(record.offsetOf("ExtendedData")).isEqualTo(EventRecordLayout.EXTENDED_DATA);
        EVENT_HEADER_EXTENDED_DATA_ITEM item = new EVENT_HEADER_EXTENDED_DATA_ITEM();
        assertThat(item.size()).isEqualTo(EventRecordLayout.EXTENDED_ITEM_SIZE);
        assertThat(item.offsetOf("ExtType")).isEqualTo(EventRecordLayout.EXTENDED_ITEM_TYPE);
        assertThat(item.offsetOf("DataSize")).isEqualTo(EventRecordLayout.EXTENDED_ITEM_DATA_SIZE);
        assertThat(item.offsetOf("DataPtr")).isEqualTo(EventRecordLayout.EXTENDED_ITEM_DATA_PTR);
        assertThat(EventRecordLayout.PROCESS_START_KEY_SIZE).as("EVENT_EXTENDED_ITEM_PROCESS_START_KEY").isEqualTo(Long.BYTES);
    }

    /** A DNS answer whose QueryResults, the last field, lacks its NUL: the text ends at UserDataLength. */
    @Test
    void aFinalStringWithOrWithoutItsTerminatorDecodesAlike() {
        EtwEventFixture terminated = EtwEventFixtures.dnsQueryCompleted(PID, "cdn.evil.example", EtwEventFixtures.DNS_RESULTS);
        EtwEventFixture unterminated = terminated.truncatedTo(terminated.payload().length - 2);

        for (EtwEventFixture fixture : List.of(terminated, unterminated)) {
            DecodeResult result = decoder.decode(NativeEventRecord.layOut(fixture).pointer());
            assertThat(result).as(fixture.payload().length + " bytes").isInstanceOfSatisfying(DecodeResult.Decoded.class,
                    decoded -> assertThat(decoded.event().props()).containsExactlyEntriesOf(fixture.expectedProps()));
        }
        DecodeResult halfCharacterShort = decoder.decode(NativeEventRecord.layOut(terminated.truncatedTo(
                terminated.payload().length - 3)).pointer());
        assertThat(halfCharacterShort).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                malformed -> assertThat(malformed.reason()).startsWith("QueryResults: UnicodeString"));
    }

    @Test
    void carriesTheProcessStartKeyOfTheExtendedDataAmongOtherItems() {
        EtwEventFixture start = EtwEventFixtures.processStartV3(5120, PID).withExtendedData(
                new ExtendedDataItem(ExtendedDataItem.TS_ID, 4, PayloadFixture.littleEndian(1, 4)),
                ExtendedDataItem.processStartKey(844_424_930_132_017L));

        RawEvent event = ((DecodeResult.Decoded) decoder.decode(NativeEventRecord.layOut(start).pointer())).event();

        assertThat(event.pkey()).isEqualTo(844_424_930_132_017L);
        assertThat(event.props()).containsExactlyEntriesOf(start.expectedProps());
    }

    /** The key is read only from an item of its type whose DataSize holds its 8 bytes, never past DataSize. */
    @Test
    void aRecordWithoutAWholeProcessStartKeyItemHasNoKey() {
        EtwEventFixture start = EtwEventFixtures.processStartV3(5120, PID);
        List<EtwEventFixture> withoutKey = List.of(
                start,
                start.withExtendedData(new ExtendedDataItem(ExtendedDataItem.TS_ID, 8, PayloadFixture.littleEndian(77, 8))),
                start.withExtendedData(new ExtendedDataItem(ExtendedDataItem.PROCESS_START_KEY, 4, PayloadFixture.littleEndian(77, 8))),
                start.withExtendedData(new ExtendedDataItem(ExtendedDataItem.PROCESS_START_KEY, 8, new byte[0])),
                start.withExtendedData(ExtendedDataItem.processStartKey(-1)));

        for (EtwEventFixture fixture : withoutKey) {
            DecodeResult result = decoder.decode(NativeEventRecord.layOut(fixture).pointer());
            assertThat(result).as(fixture.extendedData().toString()).isInstanceOf(DecodeResult.Decoded.class);
            assertThat(((DecodeResult.Decoded) result).event().pkey()).as(fixture.extendedData().toString()).isNull();
        }
        assertThat(decoder.malformed()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correlatedEvents")
    void decodesHeaderAndPayload(EtwEventFixture fixture) {
        DecodeResult result = decoder.decode(NativeEventRecord.layOut(fixture).pointer());

        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        RawEvent event = ((DecodeResult.Decoded) result).event();
        assertThat(event.provider()).isEqualTo(fixture.providerName());
        assertThat(event.guid()).isEqualTo(fixture.provider().toString()).matches("[0-9a-f-]{36}");
        assertThat(event.id()).isEqualTo(fixture.id());
        assertThat(event.ver()).isEqualTo(fixture.version());
        assertThat(event.opcode()).isEqualTo(fixture.opcode());
        assertThat(event.pid()).isEqualTo(fixture.pid());
        assertThat(event.tid()).isEqualTo(fixture.tid());
        assertThat(event.ts()).isEqualTo(fixture.tsMicros());
        assertThat(event.props()).containsExactlyEntriesOf(fixture.expectedProps());
        assertThat(decoder.undecoded()).isZero();
        assertThat(decoder.malformed()).isZero();
    }

    @Test
    void turnsTheGuidAndFiletimeOfTheContractExampleIntoItsText() {
        EtwEventFixture connect = EtwEventFixtures.connectV4(PID, 4096);

        RawEvent event = ((DecodeResult.Decoded) decoder.decode(NativeEventRecord.layOut(connect).pointer())).event();

        assertThat(event.guid()).isEqualTo("7dd42a49-5329-4832-8dfd-43d979153a88");
        assertThat(event.ts()).isEqualTo(1_795_633_628_051_000L);
        assertThat(event.pid()).isEqualTo(-1);
        assertThat(event.props()).containsEntry("daddr", "203.0.113.7").containsEntry("dport", 443L);
    }

    @Test
    void passesOverLayoutsNoDecoderKnowsAndCountsThem() {
        EtwEventFixture unknownId = EtwEventFixtures.unknownDnsEvent();
        UUID otherProvider = UUID.fromString("00000000-1111-2222-3333-444444444444");
        EtwEventFixture unknownProvider = new EtwEventFixture("Other", otherProvider, 1, 0, 0, 0, 4, 8, 0, new byte[4], null);

        List<DecodeResult> results = Stream.of(unknownId, unknownProvider)
                .map(fixture -> decoder.decode(NativeEventRecord.layOut(fixture).pointer())).toList();

        assertThat(results).containsExactly(
                new DecodeResult.PassedOver(new EventKey(EtwProvider.DNS_CLIENT.guid(), 1001, 0)),
                new DecodeResult.PassedOver(new EventKey(otherProvider, 1, 0)));
        assertThat(decoder.undecoded()).isEqualTo(2);
        assertThat(decoder.malformed()).isZero();
    }

    @Test
    void countsMalformedPayloadsWithoutThrowing() {
        EtwEventFixture truncated = EtwEventFixtures.processStartV3(5120, PID).truncatedTo(30);
        EtwEventFixture empty = EtwEventFixtures.dnsQueryCompleted(PID, "example.com", "1.2.3.4;").truncatedTo(0);

        DecodeResult first = decoder.decode(NativeEventRecord.layOut(truncated).pointer());
        DecodeResult second = decoder.decode(NativeEventRecord.layOut(empty).pointer());

        assertThat(first).isInstanceOfSatisfying(DecodeResult.Malformed.class, malformed -> {
            assertThat(malformed.layout()).isEqualTo(new EventKey(EtwProvider.KERNEL_PROCESS.guid(), 1, 3));
            assertThat(malformed.reason()).contains("payload");
        });
        assertThat(second).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(decoder.malformed()).isEqualTo(2);
        assertThat(decoder.undecoded()).isZero();
    }
}
